"""Finding English left in a Welsh page: the text a reader sees, and the commonest English words that are not
also Welsh words."""

import re
from html.parser import HTMLParser

# The commonest English words, less those that are also Welsh words or parts of Welsh words once split at an
# apostrophe ("a", "i", "o", "am", "at", "do", "is", "on", "to", "in", "an", "be", "ti", "mi"), or mutated
# ("y We" is "the Web", "ni all" is "cannot", "can" is "a hundred").
_WORDS = """
    the and you your with this have that for are was will not what from they our there their which
    when who been has had were would could should about into more some these them than then only other also
    how any each may must out over after before because being both does done down every first give going here
    just know like made make many most much need never next now off once own same see she since still such
    take those through under until very want well where while why without yet yes back change enter select
    send save start continue of it by or as but up so if use used get new one two my me its answer
    answers round rounds people please check sent sign choose find help page read write
"""
ENGLISH = frozenset(_WORDS.split())
WORD = re.compile(r"[^\W\d_]+")  # letters, Welsh ones (ŵ, ŷ, â) included
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _VisibleText(HTMLParser):
    """The text a reader sees or hears: not scripts or styles, and not what is marked as English on purpose
    (lang="en", such as the language switch's "English")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from the check)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = (self.stack[-1][1] if self.stack else False) or tag in {"script", "style", "template"}
        hidden = hidden or (tag != "html" and (attributes.get("lang") or "").lower().startswith("en"))
        if tag not in VOID:
            self.stack.append((tag, hidden))
        if not hidden:
            for name in ("aria-label", "alt", "title", "placeholder"):
                if attributes.get(name):
                    self.parts.append(attributes[name])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def english_words(text: str) -> list[str]:
    """The common English words in `text`, each once, in the order they first appear."""
    found: dict[str, None] = {}
    for word in WORD.findall(text.replace("’", "'")):
        if word.lower() in ENGLISH:
            found.setdefault(word.lower(), None)
    return list(found)
