"""Finding English left in a Welsh page: the text a reader sees, and the commonest English words that are not
also Welsh words."""

import re
from html.parser import HTMLParser

# The commonest English words, less those that are also Welsh words or parts of Welsh words once split at an
# apostrophe ("a", "i", "o", "am", "at", "do", "is", "on", "to", "in", "an", "be", "ti", "mi"), or mutated
# ("y We" is "the Web", "ni all" is "cannot", "can" is "a hundred"), and everyday Welsh that looks English
# ("does" is "there is not", "yn well" is "better", "help" is said in Welsh too).
_WORDS = """
    the and you your with this have that for are was will not what from they our there their which
    when who been has had were would could should about into more some these them than then only other also
    how any each may must out over after before because being both done down every first give going here
    just know like made make many most much need never next now off once own same see she since still such
    take those through under until very want where while why without yet yes back change enter select
    send save start continue of it by or as but up so if use used get new one two my me its answer
    answers round rounds people please check sent sign choose find page read write
"""
ENGLISH = frozenset(_WORDS.split())
# A word of letters only (Welsh ones such as ŵ, ŷ, â included), standing alone: not part of a link's code
# such as "fo6My2zM", nor of a hyphenated slug such as "how-are-you-doing-2011".
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
# Names stay in their own language in Welsh text: published works the frameworks credit, organisations, and
# licences. They are taken out before the text is judged.
NAMES = (
    "Co-Production – how are you doing? A self-reflection tool",
    "Co-production – how are you doing?",
    "Coproduction – how are we doing?",
    "Co-production in social care: what it is and how to do it (At a glance briefing)",
    "The SCIE lens: culture, structure, practice and review",
    "Social Care Institute for Excellence",
    "No More Throw-away People",
    "Speak Up Sefton",
    "CC BY-SA 4.0",
    "CC BY 4.0",
)
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
    for name in NAMES:
        text = text.replace(name, " ")
    for word in WORD.findall(text.replace("’", "'")):
        if word.lower() in ENGLISH:
            found.setdefault(word.lower(), None)
    return list(found)


def in_context(text: str, words: list[str], width: int = 40) -> str:
    """Where each word first appears in `text`, with some text either side, to find the untranslated string."""
    places = []
    for word in words[:6]:
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        if match:
            start, end = max(0, match.start() - width), match.end() + width
            places.append(f"…{text[start:end]}…")
    return " | ".join(places)
