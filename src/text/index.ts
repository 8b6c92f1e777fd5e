// The text stage: sentences with offsets, content tokens, and the vectors that compare texts.
export { splitSentences } from './sentences.js';
export { contentTokens, countWords, fold, STOPWORDS } from './tokens.js';
export { Idf, tfidf, cosine, centroid, type Vector } from './vectors.js';
export { nameSkeleton, nameKeys, editDistance, plainName, foldedName, sameNamePart, compatibleGivenName } from './translit.js';
