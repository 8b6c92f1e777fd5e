// The clustering stage: events from a stream of articles (online clustering with an inverted index over a sliding
// window of days), and stories linking the events of one subject. See online.ts.
export { OnlineClusterer, eventId, DEFAULTS, type ClusterOptions, type ClustererState, type EventState } from './online.js';
export { articleFeatures, dayNumber, nameKey, NAME_WEIGHT, type ArticleFeatures } from './features.js';
