from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.text import TextModel, text_similarity, tokenize

OPTO_A = "吉林省光电子产业孵化器在孵企业，研发光电子器件和激光雷达"
OPTO_B = "激光雷达与光电子芯片研发，服务长春光电信息产业集群"
TEXTILE = "纺织面料与服装智能制造，棉纺针织印染"


def test_tokenize_drops_punctuation_single_characters_and_stopwords():
    tokens = tokenize("我们的公司，做AI和SaaS！")

    assert tokens == ["ai", "saas"]


def test_tokenize_keeps_domain_words_whole():
    assert "光电子" in tokenize("光电子器件")
    assert "专精特新" in tokenize("专精特新小巨人企业")


def test_tokenize_empty_text_gives_no_tokens():
    assert tokenize("") == []
    assert tokenize("，。！") == []


@pytest.mark.parametrize(
    ("near", "far"),
    [
        ((OPTO_A, OPTO_B), (OPTO_A, TEXTILE)),
        ((OPTO_B, OPTO_A), (OPTO_B, TEXTILE)),
    ],
)
def test_similarity_optoelectronics_descriptions_closer_to_each_other_than_to_textiles(near, far):
    model = TextModel().fit([OPTO_A, OPTO_B, TEXTILE])

    near_sim = model.similarity([near[0]], [near[1]])[0, 0]
    far_sim = model.similarity([far[0]], [far[1]])[0, 0]

    assert near_sim > 0.2
    assert far_sim == 0.0
    assert near_sim > far_sim


def test_similarity_matrix_is_symmetric_with_unit_diagonal_and_zero_rows_for_empty_documents():
    docs = [OPTO_A, OPTO_B, TEXTILE, ""]
    model = TextModel().fit(docs)

    sim = model.similarity(docs, docs)

    assert sim.shape == (4, 4)
    np.testing.assert_allclose(sim, sim.T, atol=1e-12)
    np.testing.assert_allclose(np.diag(sim)[:3], [1.0, 1.0, 1.0], atol=1e-12)
    assert sim[3].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_pretokenised_documents_give_the_same_vectors_as_text():
    docs = [OPTO_A, OPTO_B, TEXTILE]
    raw = TextModel().fit(docs)
    pre = TextModel().fit([tokenize(d) for d in docs])

    np.testing.assert_allclose(raw.similarity(docs, docs), pre.similarity([tokenize(d) for d in docs], docs))


def test_fit_transform_equals_fit_then_transform():
    docs = [OPTO_A, OPTO_B, TEXTILE]

    once = TextModel().fit_transform(docs).toarray()
    twice = TextModel().fit(docs).transform(docs).toarray()

    np.testing.assert_allclose(once, twice)


def test_shared_terms_name_the_common_words():
    model = TextModel().fit([OPTO_A, OPTO_B, TEXTILE])

    terms = model.shared_terms(OPTO_A, OPTO_B, n=5)

    assert "激光雷达" in terms
    assert "光电子" in terms
    assert model.shared_terms(OPTO_A, TEXTILE) == []


def test_text_similarity_of_equal_and_disjoint_texts():
    assert text_similarity("激光雷达研发", "激光雷达研发") == pytest.approx(1.0)
    assert text_similarity("激光雷达研发", "纺织面料") == 0.0


def test_transform_before_fit_raises():
    with pytest.raises(ValueError, match="not fitted"):
        TextModel().transform(["光电子"])


def test_fit_on_documents_without_terms_maps_everything_to_zero():
    model = TextModel().fit(["", "，"])

    assert model.similarity(["光电子"], ["光电子"]).tolist() == [[0.0]]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="光电子激光雷达纺织面料新材料碳纤维研发制造 ,", max_size=30), min_size=1, max_size=6))
def test_similarity_is_bounded_symmetric_and_deterministic(docs):
    model = TextModel().fit(docs)

    sim = model.similarity(docs, docs)
    again = TextModel().fit(docs).similarity(docs, docs)

    assert ((sim >= 0) & (sim <= 1)).all()
    np.testing.assert_allclose(sim, sim.T, atol=1e-12)
    assert np.array_equal(sim, again)
