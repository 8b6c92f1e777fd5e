// The text stage: sentences with offsets, content tokens, and the vectors that compare texts.
export { splitSentences } from './sentences.js';
export { contentTokens, countWords, fold, STOPWORDS } from './tokens.js';
export { Idf, tfidf, cosine, centroid, type Vector, type IdfPrior } from './vectors.js';
export { nameSkeleton, nameKeys, editDistance, plainName, foldedName, sameNamePart, compatibleGivenName } from './translit.js';
export { backgroundDocumentShare, PRIOR_DOCS, ARTICLE_WORDS, SENTENCE_WORDS } from './background.js';
