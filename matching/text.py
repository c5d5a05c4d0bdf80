"""Text similarity of Chinese (and mixed) descriptions: jieba + TF-IDF + cosine.

Fit one :class:`TextModel` per corpus (all descriptions of both sides of a
matching run), then compare whole matrices at once; never fit per pair.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

__all__ = ["DOMAIN_WORDS", "TextModel", "text_similarity", "tokenize"]

# Terms of the domain that jieba's default dictionary splits badly
# ("光电子器件" -> 光 / 电子器件). They are added to a private tokenizer, so
# jieba's global one (used by backend search) is left alone.
DOMAIN_WORDS: tuple[str, ...] = (
    "光电子",
    "激光雷达",
    "专精特新",
    "小巨人",
    "孵化器",
    "众创空间",
    "科技创新综合体",
    "创业苗圃",
    "加速器",
    "新材料",
    "碳纤维",
    "生物医药",
    "医疗器械",
    "集成电路",
    "人工智能",
    "大数据",
    "新能源汽车",
    "卫星",
    "路演",
    "银企对接",
    "科技型中小企业",
    "高新技术企业",
)

STOPWORDS: frozenset[str] = frozenset(
    [
        "我们",
        "你们",
        "他们",
        "公司",
        "以及",
        "进行",
        "相关",
        "提供",
        "主要",
        "一个",
        "通过",
        "具有",
        "可以",
        "已经",
        "目前",
        "其中",
        "包括",
        "实现",
        "成为",
        "致力于",
        "拥有",
        "and",
        "the",
        "of",
        "for",
        "with",
        "in",
        "to",
        "on",
        "a",
        "an",
        "is",
        "are",
    ]
)

_KEEP = re.compile(r"[\w\u4e00-\u9fff]")
_lock = threading.Lock()
_tokenizer = None


def _jieba():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                for word in DOMAIN_WORDS:
                    # Frequent enough to win against dictionary words that overlap.
                    tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word, 0), 100_000))
                _tokenizer = tokenizer
    return _tokenizer


@lru_cache(maxsize=65_536)
def _tokenize(text: str) -> tuple[str, ...]:
    tokens = []
    for token in _jieba().lcut_for_search(text):
        token = token.strip().lower()
        if len(token) < 2 or token in STOPWORDS or not _KEEP.search(token):
            continue
        tokens.append(token)
    return tuple(tokens)


def tokenize(text: str) -> list[str]:
    """Split ``text`` into index terms with jieba's search mode.

    Search mode also emits the dictionary words inside long words
    (激光雷达 -> 激光, 雷达, 激光雷达), so 光电 and 光电子 share a term.
    Single characters, punctuation and a few stop words are dropped; Latin
    words are lower-cased. Deterministic; results are cached per text.

    Examples
    --------
    >>> tokenize("吉林省光电子产业孵化器")
    ['吉林', '吉林省', '光电', '电子', '光电子', '产业', '孵化', '化器', '孵化器']
    >>> tokenize("AI 大模型与SaaS软件")
    ['ai', '模型', 'saas', '软件']
    """
    return list(_tokenize(text or ""))


def _analyse(document: str | Sequence[str]) -> list[str]:
    if isinstance(document, str):
        return list(_tokenize(document))
    # Already tokenised (e.g. tokens the backend stored with the profile).
    return [str(token) for token in document]


class TextModel:
    """TF-IDF over jieba tokens, fitted once per corpus.

    Documents are strings or pre-tokenised sequences of terms (the output of
    :func:`tokenize`), which lets callers tokenise once when a profile is
    saved instead of on every matching run.

    Parameters
    ----------
    sublinear_tf : bool
        Use ``1 + log(tf)``; long descriptions repeating a word do not win.
    min_df : int
        Ignore terms in fewer documents (1 keeps all).

    Notes
    -----
    Fitting is linear in the corpus size. Similarities are dot products of
    l2-normalised sparse vectors: ``similarity(A, B)`` costs about
    ``nnz(A) * avg postings`` and returns a dense ``len(A) x len(B)`` array,
    so callers with large sides should work in row blocks.

    References
    ----------
    .. [1] Salton, G. and Buckley, C. "Term-weighting approaches in automatic
       text retrieval." Information Processing & Management 24(5), 1988.

    Examples
    --------
    >>> docs = ["光电子器件与激光雷达研发", "激光雷达与光电子芯片", "纺织面料与服装制造"]
    >>> model = TextModel().fit(docs)
    >>> sim = model.similarity(docs, docs)
    >>> bool(sim[0, 1] > sim[0, 2])
    True
    >>> model.shared_terms(docs[0], docs[1])
    ['激光雷达', '光电子', '光电']
    """

    def __init__(self, *, sublinear_tf: bool = True, min_df: int = 1) -> None:
        # Imported here: scikit-learn takes about a second to import and only TF-IDF needs it.
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(
            analyzer=_analyse, sublinear_tf=sublinear_tf, min_df=min_df, norm="l2", dtype=np.float64
        )
        self._terms: np.ndarray | None = None

    def fit(self, documents: Iterable[str | Sequence[str]]) -> TextModel:
        """Learn vocabulary and IDF from ``documents``; returns ``self``."""
        documents = list(documents)
        if not any(_analyse(doc) for doc in documents):
            # sklearn refuses an empty vocabulary; keep a model that maps everything to zero.
            documents = [*documents, ["\0"]]
        self.vectorizer.fit(documents)
        self._terms = self.vectorizer.get_feature_names_out()
        return self

    def fit_transform(self, documents: Iterable[str | Sequence[str]]) -> sparse.csr_matrix:
        """:meth:`fit` and :meth:`transform` in one pass over ``documents``."""
        documents = list(documents)
        if not any(_analyse(doc) for doc in documents):
            return self.fit(documents).transform(documents)
        matrix = sparse.csr_matrix(self.vectorizer.fit_transform(documents))
        self._terms = self.vectorizer.get_feature_names_out()
        return matrix

    @property
    def fitted(self) -> bool:
        return self._terms is not None

    def transform(self, documents: Iterable[str | Sequence[str]]) -> sparse.csr_matrix:
        """l2-normalised TF-IDF rows (zero rows for empty documents)."""
        if self._terms is None:
            raise ValueError("TextModel is not fitted; call fit() first")
        return sparse.csr_matrix(self.vectorizer.transform(list(documents)))

    def similarity(
        self, a: Iterable[str | Sequence[str]] | sparse.spmatrix, b: Iterable[str | Sequence[str]] | sparse.spmatrix
    ) -> np.ndarray:
        """Cosine similarity matrix ``len(a) x len(b)`` with values in [0, 1]."""
        xa = a if sparse.issparse(a) else self.transform(a)
        xb = b if sparse.issparse(b) else self.transform(b)
        return np.clip((xa @ xb.T).toarray(), 0.0, 1.0)

    def shared_terms(self, a: str | Sequence[str], b: str | Sequence[str], n: int = 3) -> list[str]:
        """The ``n`` terms contributing most to the cosine of ``a`` and ``b``.

        Ties go to longer (more specific) terms, then by term.
        """
        x = self.transform([a, b])
        product = x[0].multiply(x[1]).tocsr()
        if product.nnz == 0:
            return []
        terms = self._terms[product.indices]
        order = sorted(zip(np.round(-product.data, 12), [-len(t) for t in terms], terms, strict=True))
        return [str(term) for *_, term in order[:n]]


def text_similarity(a: str | Sequence[str], b: str | Sequence[str], *, model: TextModel | None = None) -> float:
    """Cosine of two descriptions under ``model`` (fitted on just the two if omitted).

    Examples
    --------
    >>> round(text_similarity("激光雷达研发", "激光雷达研发"), 6)
    1.0
    >>> text_similarity("激光雷达研发", "纺织面料")
    0.0
    """
    if model is None:
        model = TextModel().fit([a, b])
    return float(model.similarity([a], [b])[0, 0])
