"""The embedded default writer: deterministic 公文 prose from the phrase banks in prompts/, no model needed."""

from __future__ import annotations

from assistant.headings import bare_label, is_spoken
from assistant.items import area_for_label, enrich
from assistant.numbers import counted
from assistant.prompts import Frame, Tense, bank, frames, slot_names, taxonomy
from assistant.schemas import Item, OutlineSection, Paragraph, Section
from assistant.textnorm import strip_end_punct
from assistant.topics import topic_by_id, topics_in
from assistant.vocab import ordinal
from assistant.writers.context import DraftContext
from assistant.writers.phrasing import clause, heading_for, item_topic, phrase_pools, quote_terms

GENERIC = {"巾帼", "妇女", "妇联", "工作", "服务", "建设"}  # words too common to show a heading echoes a label
RUN_IN_SIBLING = 20  # the longest heading run in when its siblings are
MAX_RUN = 3  # more items than this in one section, of more than one topic, are written topic by topic


def _run_in(section: Section, longest: int = 12) -> Section:
    """A subsection with a short heading and one paragraph reads best run in: （一）四点半课堂。今年开了……"""
    if section.role != "work" or section.children or len(section.paragraphs) != 1 or len(section.heading) > longest:
        return section
    return section.model_copy(update={"run_in": True})


def _unlabelled(items: list[Item], heading: str) -> list[Item]:
    """Items that open with their own label (新就业群体，……) drop it when the heading above already says it."""
    bare = heading.replace("“", "").replace("”", "")
    out = []
    for it in items:
        if it.label and it.text.startswith(it.label + "，") and it.label in bare:
            it = enrich(it.model_copy(update={"text": it.text[len(it.label) + 1:], "form": "verbatim",
                                              "action": "", "object": ""}))
        out.append(it)
    return out


def echoes4(heading: str, text: str) -> bool:
    """Whether a heading repeats four characters of the text under it (深化理论宣讲。深化“巾帼红”理论宣讲)."""
    plain = text.replace("“", "").replace("”", "")
    return any(heading[i:i + 4] in plain for i in range(len(heading) - 3)) or heading[:2] == plain[:2]


def _overlap(label: str, heading: str) -> int:
    """How much of the user's label a heading repeats: the whole label counts most."""
    plain = heading.replace("“", "").replace("”", "")
    return (10 if label in plain else 0) + sum(c in plain for c in _chunks(label) if c not in GENERIC)


def _chunks(label: str) -> list[str]:
    """The two-character words of a label a heading should echo (组织建设 → 组织, 建设), filler words aside."""
    bare = label.replace("工作", "").replace("方面", "")
    return [bare[i:i + 2] for i in range(0, max(len(bare) - 1, 1), 2) if len(bare[i:i + 2]) == 2] or [bare]


def _by_topic(items: list[Item]) -> list[list[Item]]:
    """Items grouped by topic, in the order the topics first appear; items from one notes line stay together."""
    groups: dict[str, list[Item]] = {}
    first_of_line: dict[int | None, str] = {}
    for it in items:
        key = first_of_line.setdefault(it.line, it.topic or it.id) if it.line is not None else it.topic or it.id
        groups.setdefault(key, []).append(it)
    return list(groups.values())


def _frame_fits(frame: Frame, pools: dict[str, list[str]], tense: Tense) -> bool:
    """Whether a frame's tense matches and each of its slots has an unused phrase."""
    needed = slot_names(frame.text) - {"clause", "self"}
    return frame.tense in ("any", tense) and all(pools.get(s) for s in needed)


def _yishi(parts: list[str]) -> str:
    """一是……；二是……"""
    return "；".join(f"{ordinal(n)}是{p}" for n, p in enumerate(parts, 1))


class TemplateWriter:
    """Writes each section from its facts with varied frames; same facts and seed, same text."""

    name = "template"

    def write_section(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """Draft one outline section (and its children)."""
        role = outline.role
        if role == "work":
            return self._work(ctx, outline)
        if role == "part":
            return self._part(ctx, outline)
        if role == "problems":
            return self._problems(ctx, outline)
        if role == "next_steps":
            return self._next_steps(ctx, outline)
        if role == "measures":
            return self._measures(ctx, outline)
        raise ValueError(f"unknown section role {role}")

    # ----- pieces -------------------------------------------------------------------------------------

    def _sentence(self, ctx: DraftContext, item: Item, area: str, tense: Tense, kind: str, plain: bool = False) -> str:
        """One item in a frame from `kind` (paragraph | part | terse), with fresh method/purpose/effect; `plain`
        puts nothing in front of the item (a 下一步 list names what is to be done, not how)."""
        pools = {k: [t for t in ctx.picker.unused(v) if not ctx.said(ctx.fill(t))]
                 for k, v in phrase_pools(ctx, item, tense).items()}
        options: list[Frame] = getattr(frames(), kind)
        if plain or (item.label and item.text.startswith(item.label + "，")):  # 两癌筛查，组织……: nothing in front
            options = [f for f in options if f.text.startswith("{clause}")]
        fitting = [f for f in options if _frame_fits(f, pools, tense)] or \
            [f for f in options if f.tense in ("any", tense) and _frame_fits(f, {}, tense)]
        by_text = {f.text: f for f in fitting}
        chosen = by_text[ctx.picker.pick(f"frame-{kind}", list(by_text))] if fitting else None
        text = chosen.text if chosen else "{clause}。"
        fills = {s: ctx.fill(ctx.picker.pick(s, pools[s])) for s in ("method", "purpose", "effect")
                 if "{" + s + "}" in text}
        sentence = ctx.fill(text, clause=clause(ctx, item, tense), **fills)
        ctx.written += sentence
        return sentence

    def _para(self, key: str, text: str, items: list[Item], origin: str = "template") -> Paragraph:
        """A paragraph with a stable id."""
        return Paragraph(id=key, text=text, fact_ids=[i.id for i in items], origin=origin)  # type: ignore[arg-type]

    def _heading(self, ctx: DraftContext, outline: OutlineSection, tense: Tense, items: list[Item],
                 nested: bool = False) -> str:
        """The heading of a work section: the user's own; else the topic's, when every item is of one topic; else
        an area heading that fits every item under it, preferring the most specific one."""
        if outline.title:
            return outline.title
        tax = taxonomy()
        topics = {it.topic for it in items} | {t for it in items for t in topics_in(it.text)}
        area = tax.area(outline.area)
        if outline.area == tax.fallback or not area:
            own = item_topic(items[0]) if items and len(topics - {""}) == 1 else None
            said = ctx.fit.texts(own.headings.get(tense)) if own else []
            return ctx.picker.pick("other-heading", said or ctx.fit.texts(bank().other_heading.get(tense))) \
                or "其他工作"
        if outline.label and not is_spoken(outline.label):  # the user named it (维权关爱：): use the user's words
            label = bare_label(outline.label)
            chunks = _chunks(label)
            named = [p for t in topics if (topic := topic_by_id(t)) for p in topic.headings.get(tense)]
            pool = area.headings.get(tense) if area_for_label(label) else [*named, *area.headings.get(tense)]
            fitting = ctx.fit.texts([p for p in pool if any(c in p.text for c in chunks if c not in GENERIC)], topics)
            best = max((_overlap(label, t) for t in fitting), default=0)
            fitting = [t for t in fitting if _overlap(label, t) == best]
            return quote_terms(ctx.picker.pick(f"heading-{outline.area}", fitting)) or label
        if nested and len(topics) == 1 and "" not in topics:
            topic = item_topic(items[0])
            chosen = ctx.picker.pick(f"topic-heading-{topic.id}", ctx.fit.texts(topic.headings.get(tense)),
                                     fresh=True) if topic else ""
            if chosen:
                return quote_terms(chosen)
        phrases = area.headings.get(tense)
        for tier in ([p for p in phrases if p.topics], [p for p in phrases if p.setting], phrases):
            fitting = ctx.fit.texts(tier, topics)
            if fitting:
                return ctx.picker.pick(f"heading-{outline.area}", fitting)
        return f"扎实做好{area.short}工作"

    def _enumerate(self, ctx: DraftContext, items: list[Item], area: str, tense: Tense, plain: bool = False) -> str:
        """一是……；二是……。 (area '' means each item's own area)"""
        return _yishi([self._sentence(ctx, it, area or it.area, tense, "part", plain) for it in items]) + "。"

    def _intro(self, ctx: DraftContext, area: str, tense: Tense, items: list[Item]) -> str:
        """The overview sentence that opens a multi-item area, when one fits all its items."""
        a = taxonomy().area(area)
        if not a:
            return ""
        fitting = ctx.fit.texts(a.intros.get(tense), {it.topic for it in items} | {t for it in items
                                                                                  for t in topics_in(it.text)})
        intro = ctx.fill(ctx.picker.pick(f"intro-{area}", fitting, fresh=True))
        ctx.written += intro
        return intro

    # ----- roles --------------------------------------------------------------------------------------

    def _work(self, ctx: DraftContext, outline: OutlineSection, nested: bool = False) -> Section:
        """A work section laid out as one paragraph, run-in subsections, or 一是/二是; a long mixed one by topic."""
        ctx.written = ""
        tense = ctx.tense(outline.status)
        items = ctx.items(outline.item_ids)
        spec_layouts = self._layouts(ctx, outline)
        heading = self._heading(ctx, outline, tense, items + [i for c in outline.children
                                                             for i in ctx.items(c.item_ids)], nested)
        items = _unlabelled(items, heading)
        ctx.written = heading
        section = Section(id=outline.key, heading=heading, role="work", area=outline.area)
        layout = next((lay for lay in spec_layouts if (lay == "single") == (len(items) == 1)), spec_layouts[0])
        clusters = _by_topic(items)
        loose: list[Paragraph] = []  # clusters no heading fits: after the headed ones, not before them
        if ctx.spec.terse or layout == "subsections":
            kind = "terse" if ctx.spec.terse else "paragraph"
            for n, cluster in enumerate(clusters, 1):
                head = self._cluster_heading(ctx, cluster, tense)
                text = self._sentence(ctx, cluster[0], outline.area, tense, kind) if len(cluster) == 1 else \
                    "；".join(self._sentence(ctx, it, outline.area, tense, "part") for it in cluster) + "。"
                key = f"{outline.key}-{n}"
                if head:
                    section.children.append(Section(id=key, heading=head, run_in=True, area=outline.area,
                                                    paragraphs=[self._para(f"{key}-p1", text, cluster)]))
                else:
                    loose.append(self._para(f"{outline.key}-p{n}", text, cluster))
        elif len(clusters) > 1 and not outline.children and (len(items) > MAX_RUN or self._apart(outline, items)):
            for n, cluster in enumerate(clusters, 1):
                key = f"{outline.key}-{n}"
                text = self._run(ctx, cluster, outline.area, tense)
                head = self._cluster_heading(ctx, cluster, tense)
                para = self._para(f"{key}-p1", text, cluster)
                if head:
                    section.children.append(Section(id=key, heading=head, run_in=True, area=outline.area,
                                                    paragraphs=[para]))
                else:
                    loose.append(para.model_copy(update={"id": f"{outline.key}-p{n}"}))
        elif layout == "yishi" and len(items) > 1:
            text = self._intro(ctx, outline.area, tense, items) + self._enumerate(ctx, items, outline.area, tense)
            section.paragraphs.append(self._para(f"{outline.key}-p1", text, items))
        else:
            for n, it in enumerate(items, 1):
                text = self._sentence(ctx, it, outline.area, tense, "paragraph")
                section.paragraphs.append(self._para(f"{outline.key}-p{n}", text, [it]))
        for child in outline.children:
            section.children.append(self._subgroup(ctx, child, tense))
        if loose and section.children:
            section.children.append(Section(id=f"{outline.key}-more", area=outline.area, paragraphs=loose))
        else:
            section.paragraphs.extend(loose)
        return section

    @staticmethod
    def _apart(outline: OutlineSection, items: list[Item]) -> bool:
        """Items of kinds no one heading of their area names together (巾帼共富 and a 三八红旗手 honour)."""
        area = taxonomy().area(outline.area)
        topics = {it.topic for it in items if it.topic}
        if not area or outline.title or outline.label or len(topics) < 2:
            return False
        heads = [*area.headings.any, *area.headings.plan, *area.headings.summary]
        return not any(set(p.topics) >= topics for p in heads if p.topics)

    def _run(self, ctx: DraftContext, items: list[Item], area: str, tense: Tense) -> str:
        """One item as a sentence, several as 一是……二是……。"""
        if len(items) == 1:
            return self._sentence(ctx, items[0], area, tense, "paragraph")
        return self._enumerate(ctx, items, area, tense)

    def _cluster_heading(self, ctx: DraftContext, items: list[Item], tense: Tense) -> str:
        """A run-in heading for items of one topic: the topic's own heading when it fits."""
        topic = item_topic(items[0])
        if topic:
            said = "".join(it.text for it in items)
            fitting = ctx.fit.texts(topic.headings.get(tense))
            options = [h for h in fitting if not echoes4(h, said)] or fitting  # an echo beats a break in the list
            chosen = ctx.picker.pick(f"topic-heading-{topic.id}", options, fresh=True)
            if chosen:
                return quote_terms(chosen)
        return heading_for(ctx, items[0], tense) if len(items) == 1 else ""

    def _subgroup(self, ctx: DraftContext, outline: OutlineSection, tense: Tense) -> Section:
        """A subgroup the user named: its label as a run-in heading, its items in one paragraph."""
        items = ctx.items(outline.item_ids)
        section = Section(id=outline.key, heading=outline.title, run_in=True, area=outline.area)
        if items:
            text = self._run(ctx, items, outline.area, tense)
            section.paragraphs.append(self._para(f"{outline.key}-p1", text, items))
        for child in outline.children:
            section.children.append(self._subgroup(ctx, child, tense))
        return section

    def _layouts(self, ctx: DraftContext, outline: OutlineSection) -> list[str]:
        """The layouts the doc type allows for this work section."""
        def find(specs: list) -> list[str] | None:
            for s in specs:
                if s.role == "work" and (s.status == outline.status or outline.status is None):
                    return list(s.layouts)
                found = find(s.children)
                if found:
                    return found
            return None
        return find(ctx.spec.sections) or ["single"]

    def _part(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """A top-level part (本年工作开展情况 / 下年工作计划) with its area sections inside."""
        section = Section(id=outline.key, heading=outline.title, role="part")
        children = [_run_in(self._work(ctx, child, nested=True) if child.role == "work" else
                            self.write_section(ctx, child)) for child in outline.children]
        if any(c.run_in for c in children):  # siblings alike: a longer heading runs in beside short ones
            children = [_run_in(c, longest=RUN_IN_SIBLING) for c in children]
        if outline.status == "planned":
            intro = ctx.fill(ctx.picker.pick("part-intro", bank().part_intro.get("plan", [])))
            if intro:
                section.paragraphs.append(self._para(f"{outline.key}-p1", intro, []))
        if not children:
            hole = bank().placeholders["plan_items" if outline.status == "planned" else "items"]
            section.paragraphs.append(self._para(f"{outline.key}-todo", hole, [], "placeholder"))
        section.children = children
        return section

    def _listed(self, ctx: DraftContext, outline: OutlineSection, hole: str) -> tuple[Section, list[Item]]:
        """A required section and its facts; with no facts it holds a visible 【待补：…】 instead."""
        section = Section(id=outline.key, heading=outline.title, role=outline.role)
        items = ctx.items(outline.item_ids)
        if not items:
            section.paragraphs.append(self._para(f"{outline.key}-p1", bank().placeholders[hole], [], "placeholder"))
        return section, items

    def _problems(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """存在的问题和不足: the user's points, or a visible placeholder."""
        section, items = self._listed(ctx, outline, "problems")
        if not items:
            return section
        intro = ctx.picker.pick("problems-intro", bank().problems_intro)
        points = [quote_terms(strip_end_punct(it.text + ("，" + "，".join(it.details) if it.details else "")))
                  for it in items]
        body = _yishi(points) if len(points) > 1 else points[0]
        outro = ctx.picker.pick("problems-outro", bank().problems_outro)
        section.paragraphs.append(self._para(f"{outline.key}-p1", f"{intro}{body}。{outro}", items))
        return section

    def _next_steps(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """下一步工作打算: planned items, or a visible placeholder."""
        section, items = self._listed(ctx, outline, "next_steps")
        if not items:
            return section
        intro = ctx.fill(ctx.picker.pick("next-intro", bank().next_intro))
        if len(items) == 1:
            body = self._sentence(ctx, items[0], items[0].area, "plan", "paragraph", plain=True)
        else:
            body = self._enumerate(ctx, items, "", "plan", plain=True)
        text = intro + body + ctx.picker.pick("next-outro", bank().next_outro)
        section.paragraphs.append(self._para(f"{outline.key}-p1", text, items))
        return section

    def _measures(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """保障措施: the user's own measures, or the level-appropriate ones from the bank."""
        section = Section(id=outline.key, heading=outline.title, role="measures")
        items = ctx.items(outline.item_ids)
        if items:
            heads = [_measure_head(it) for it in items]
            for n, (it, (head, rest)) in enumerate(zip(items, heads, strict=True), 1):
                key = f"{outline.key}-{n}"
                if all(h for h, _ in heads):  # 抓队伍：…, 抓阵地：…: the user's own run-in headings
                    para = self._para(f"{key}-p1", quote_terms(rest) + "。", [it])
                    section.children.append(Section(id=key, heading=head, run_in=True, role="measures",
                                                    paragraphs=[para]))
                else:
                    section.paragraphs.append(self._para(f"{outline.key}-p{n}", quote_terms(it.text) + "。", [it]))
            return section
        measures = bank().measures
        own = [m for m in measures.get(ctx.profile.level, []) if ctx.fit.ok(m.text) and ctx.fit.ok(m.heading)]
        taken = {o.heading for o in own}
        pool = own + [m for m in measures["default"] if ctx.fit.ok(m.text) and m.heading not in taken]
        pool = pool if own else [m for m in measures["default"] if ctx.fit.ok(m.text)]
        count = next((s.count for s in ctx.spec.sections if s.role == "measures" and s.count), 3)
        by_heading = {m.heading: m for m in pool}
        chosen = [by_heading[ctx.picker.pick("measure", list(by_heading))] for _ in range(min(count, len(pool)))]
        chosen.sort(key=lambda m: pool.index(m))
        for n, m in enumerate(chosen, 1):
            key = f"{outline.key}-{n}"
            section.children.append(Section(id=key, heading=m.heading, run_in=True, role="measures",
                                            paragraphs=[self._para(f"{key}-p1", ctx.fill(m.text), [])]))
        return section

    def preamble(self, ctx: DraftContext) -> list[Paragraph]:
        """The opening paragraph: year context, guiding thought, and what the document does."""
        options = bank().preamble.get(ctx.spec.preamble, [])
        text = ctx.fill(ctx.picker.pick("preamble", options))
        out = [self._para("preamble-p1", text, [])] if text else []
        aims = ctx.facts.aims
        if aims:  # the notes' own 总体思路 and targets, in their words, right after the opening
            said = "。".join(quote_terms(f"{it.label}：{it.text}" if it.label else it.text) for it in aims)
            out.append(self._para("preamble-p2", said + "。", aims))
        return out

    def closing(self, ctx: DraftContext) -> list[Paragraph]:
        """The closing paragraph, when the doc type has one."""
        options = bank().closing.get(ctx.spec.closing, []) if ctx.spec.closing else []
        text = ctx.fill(ctx.picker.pick("closing", options)) if options else ""
        return [self._para("closing-p1", text, [])] if text else []


def _measure_head(it: Item) -> tuple[str, str]:
    """A measure's run-in heading and the rest: its label (抓队伍：…), or a short figure-free first clause."""
    if it.label:
        return it.label, it.text
    head, sep, rest = it.text.partition("，")
    return (head, rest) if sep and len(head) <= 10 and not counted(head) else ("", it.text)
