// The text stage: sentences with offsets, content tokens, and the vectors that compare sentences (SentenceSpace).
export { splitSentences } from './sentences.js';
export { contentTokens, countWords, fold, STOPWORDS, wordCharLength } from './tokens.js';
export { SentenceSpace, SUPPORT_SIMILARITY, sentenceTokens, sparseCosine, denseCosine, type SpaceSentence, type SparseVector } from './space.js';
export { nameSkeleton, nameKeys, editDistance, plainName, foldedName, sameNamePart, compatibleGivenName } from './translit.js';
export { backgroundDocumentShare, PRIOR_DOCS, ARTICLE_WORDS, SENTENCE_WORDS } from './background.js';
export { reportLabel } from './label.js';
export { isSpaceCode } from './spaces.js';
