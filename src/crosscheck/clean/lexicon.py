"""Small generic word lists the cleaners use: web-UI words, commercial language (the
English stop words and abbreviations come from :mod:`crosscheck.english`).

None of these knows any topic: they describe web pages in general (menus, vote
counters, shop copy), so they hold on held-out corpora. Keep them short; a word that
is also common in articles (e.g. "news", "history") does not belong in UI_WORDS.
"""

from __future__ import annotations

from crosscheck.english import ABBREVIATIONS, NAME_PARTICLES, STOP_WORDS
from crosscheck.english import wordset as _wordset

__all__ = ["ABBREVIATIONS", "STOP_WORDS"]  # re-exported: the cleaners read them from here


#: Words that make up navigation, widget and thread furniture. A line made only of
#: these (plus FILLER words) is page furniture, e.g. "HOME", "Search Posts",
#: "Related post", "Accepted answer", "Follow us on Facebook".
UI_WORDS: frozenset[str] = _wordset(
    """
    home menu search login logout log sign signin signup register subscribe subscribed
    unsubscribe share shares shared tweet retweet pin email print comment comments reply
    replies upvote upvotes downvote downvotes vote votes like likes liked follow
    followers following post posts related recent popular trending read more less next
    previous prev back top skip navigation nav toggle close open cookie cookies accept
    privacy policy terms contact advertisement advertisements ads ad sponsored tags tag
    categories category archive archives feed rss facebook twitter instagram linkedin
    pinterest reddit whatsapp telegram youtube newsletter answer answers accepted
    question questions asked edited flag report permalink cite bookmark save saved
    sitemap copyright login/register expand collapse hide show edit view views loading
    contents toc breadcrumb submit cancel ok download downloads app apps store
    """
)

#: Words allowed around UI_WORDS in a furniture line ("Follow *us on* Facebook").
FILLER_WORDS: frozenset[str] = _wordset(
    """
    a an the to of on in for with and or by at this that our your us you my all new
    up out more see now here it
    """
)

# fmt: off
# (word tables below are kept dense on purpose; one entry per line would triple the file)

#: Section headings whose section is a list of links to other pages, not article text.
NAV_SECTION_HEADINGS: frozenset[str] = frozenset(
    {
        "see also", "external links", "further reading", "related", "related posts",
        "related post", "related articles", "related stories", "more posts", "more post",
        "read more", "read next", "you may also like", "recent posts", "popular posts",
        "categories", "tags", "trending", "more from", "more stories",
    }
)

#: Headings that close an article body in wiki mirrors and blogs (the section itself
#: is kept unless it is a link list; only the bare heading line is furniture).
END_MATTER_HEADINGS: frozenset[str] = frozenset(
    {"see also", "references", "external links", "further reading", "notes",
     "footnotes", "bibliography", "citations", "sources", "comments"}
)

#: Whole sentences every CMS prints; matched as substrings of a short line.
BOILERPLATE_PHRASES: tuple[str, ...] = (
    "all rights reserved", "your email address will not be published",
    "required fields are marked", "this website uses cookies", "this site uses cookies",
    "we use cookies", "accept cookies", "privacy policy", "terms of use",
    "terms of service", "skip to content", "skip to main content", "powered by",
    "subscribe to our newsletter", "sign up for our newsletter", "leave a comment",
    "leave a reply", "post a comment", "click here to", "share this article",
    "share on facebook", "share on twitter", "javascript is disabled",
    "enable javascript", "improve this answer", "improve this question",
    "add a comment", "copyright ©",
)

#: Commercial / marketing language, with weights. Strong (2) items rarely occur in
#: article prose; weak (1) ones do ("perfect", "collection"), so they only count next
#: to other signals. Multi-word items are matched as phrases.
COMMERCIAL_TERMS: dict[str, int] = {
    # strong: selling verbs and shop mechanics
    "buy": 2, "buying": 2, "shop": 2, "shopping": 2, "discount": 2, "discounts": 2,
    "coupon": 2, "coupons": 2, "promo": 2, "free shipping": 2, "order now": 2,
    "add to cart": 2, "checkout": 2, "best price": 2, "lowest price": 2,
    "limited time": 2, "click here": 2, "wholesale": 2, "cheap": 2, "bestseller": 2,
    "in stock": 2, "money back": 2, "casino": 2, "dresses": 2, "bridal": 2,
    "handbags": 2, "sneakers": 2, "online store": 2, "our store": 2,
    "our shop": 2, "shop now": 2, "on sale": 2, "% off": 2,
    # weak: marketing adjectives and address to the buyer
    "perfect": 1, "collection": 1, "collections": 1,
    "gorgeous": 1, "stunning": 1, "elegant": 1, "stylish": 1, "luxury": 1,
    "trendy": 1, "fashion": 1, "fashionable": 1, "amazing": 1, "our": 1,
    "your": 1, "dress": 1, "outfit": 1, "outfits": 1, "gift": 1,
    "gifts": 1, "products": 1, "customers": 1, "exclusive": 1, "premium": 1,
    "fabulous": 1, "lovely": 1, "affordable": 1, "deals": 1, "shipping": 1,
    "guaranteed": 1,
    # Left out on purpose: "order" ("in order to"), "offer", "price", "quality",
    # "style", "brand" — common in article prose about anything.
}

# fmt: on

#: Lower-case words that may sit inside a name; "and" too, for gloss names such as
#: "Bosnia and Herzegovina".
NAME_JOINERS: frozenset[str] = NAME_PARTICLES | {"and"}

