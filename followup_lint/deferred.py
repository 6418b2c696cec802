"""spaCy components run on demand, not for every draft.

spaCy's NER is about half of en_core_web_sm's time, and most drafts never
need it: :func:`parse` leaves it out of ``nlp.pipe``, and a rule that reads
entities calls :func:`entities`, which runs it on that one doc first. This
module imports nothing heavy, so rule modules can import it.
"""

from __future__ import annotations

LAZY_COMPONENTS = ("ner",)
_PENDING = "followup_lint.pending"
_TEXT = "followup_lint.text"


def parse(nlp, texts, batch_size: int = 32):
    """``nlp.pipe(texts)`` without the lazy components; each doc remembers
    them, and :func:`entities` runs them on the first need."""
    lazy = [name for name in LAZY_COMPONENTS if name in nlp.pipe_names]
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=lazy):
        if lazy:
            doc.user_data[_PENDING] = tuple(nlp.get_pipe(name) for name in lazy)
        yield doc


def entities(doc) -> tuple:
    """``doc.ents``, running the deferred NER first if :func:`parse` left
    it out. Rules read entities only through this."""
    pending = doc.user_data.pop(_PENDING, ())
    for component in pending:
        component(doc)
    return doc.ents


def doc_text(doc) -> str:
    """``doc.text``, built once per doc. spaCy joins every token's text
    again on each read of the property (0.1-0.3 ms for a one-page note);
    the rules read it a dozen times a check."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def set_entities(doc, spans) -> None:
    """Give ``doc`` its entities from elsewhere (the editor joins paragraph
    docs and copies each paragraph's deferred entities into the whole)."""
    doc.ents = spans
