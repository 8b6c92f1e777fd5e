// The clustering stage: events from a stream of articles (online clustering with an inverted index over a sliding
// window of days, each decision taken by a model learned from event-labelled news), and stories linking the events of
// one subject. See online.ts and similarity.ts; train.ts learns the model.
export { OnlineClusterer, eventId, pairFeatures, DEFAULTS, type ClusterOptions, type ClustererState, type EventState, type Teacher } from './online.js';
export { articleFeatures, dayNumber, headlineOfTitle, nameKey, numbersOf, NAME_WEIGHT, type ArticleFeatures } from './features.js';
export { PAIR_FEATURES, probability, shippedEventModel, type EventModel } from './similarity.js';
