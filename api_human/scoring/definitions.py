"""The catalogue of published rubrics (loaded by ``catalogue.sync_catalogue``). Every text is a triple
(Hebrew, English, Arabic).

The ground is the source document, the operating model "API אנושי" of the Digital Welfare engagement
(January 2024): its four stages, the five parameters of a working connection between the welfare world and
the digital world (the ``bridging`` rubric, which stage D reads), its examples and its tensions. Every
criterion says in ``source`` which passage it rests on: the section or example, and a short quote from it.

Where the source is silent a criterion may come from an outside framework, named in ``source["outside"]``,
and never contradicts the source. Two are used: the EU public-sector Digital Maturity Assessment (the
organisation-maturity questionnaire — the source only says stage A used a digital-maturity diagnostic) and
technology readiness levels (an opportunity's product maturity, from the prototype on: the source engaged
a venture whose product was only an idea).

A criterion with ``applies_from`` is "not yet applicable" to an initiative or an opportunity before that
point of its life: it is left out of the score, never counted as zero. Below a rubric's ``min_coverage``
a badge says "not enough evidence yet" instead of a colour. Stage C never ends, so it has a health review
and no exit. The formula is in docs/scoring.md; every ``next_action`` is what the team would do next to
change the criterion.
"""

# The points of a subject's life a criterion's ``applies_from`` may name, in order. A stopped initiative
# is past all of them: every criterion with ``applies_from`` is then not applicable.
LIFECYCLES = {
    "initiative": ("idea", "exploring", "joint_team", "pilot", "scaling", "sustained"),
    "opportunity": ("idea", "prototype", "pilot", "in_use", "at_scale"),
    "stage": ("not_started", "active", "completed"),
}
SUBJECT_TYPES = ("stage", "initiative", "opportunity", "organization", "engagement")
KINDS = ("readiness", "exit", "maturity", "health")


def _text(value, what: str, *, optional: bool = False) -> list[str]:
    """A (he, en, ar) triple; all three written (or, when ``optional``, all three empty)."""
    texts = list(value)
    if len(texts) != 3 or not all(isinstance(t, str) for t in texts):
        raise ValueError(f"{what}: give (Hebrew, English, Arabic), got {value!r}")
    written = [bool(t.strip()) for t in texts]
    if not all(written) and (any(written) or not optional):
        raise ValueError(f"{what}: every language or none, got {value!r}")
    return texts


def source(section: str, quote: str = "", *, outside: str = "") -> dict:
    """Where a criterion comes from: a section (or example) of the source document and a short verbatim
    quote from it; or, only where the source is silent, an ``outside`` framework."""
    if not section.strip() or not (quote.strip() or outside.strip()):
        raise ValueError(f"a source needs a section and a quote or an outside framework: {section!r}")
    if len(quote.split()) > 15:
        raise ValueError(f"a source quote is 15 words at most: {quote!r}")
    return {"section": section, "quote": quote, "outside": outside}


def _criterion(
    key,
    text,
    *,
    source,
    next_action,
    pass_level,
    guidance=("", "", ""),
    weight=1,
    critical=False,
    partner=False,
    applies_from=None,
):
    item = {
        "key": key,
        "text": _text(text, key),
        "guidance": _text(guidance, key, optional=True),
        "next_action": _text(next_action, key),
        "source": source,
        "weight": weight,
        "critical": critical,
        "pass_level": pass_level,
        "partner_actionable": partner,
    }
    if applies_from:
        item["applies_from"] = applies_from
    return item


def auto(key, text, *, metric, floor=0, target=1, pass_level=1, **common):
    """A criterion measured from the data: ``metric`` normalised between ``floor`` (0) and ``target`` (1).
    ``common``: source, next_action, guidance, weight, critical, partner, applies_from."""
    item = _criterion(key, text, pass_level=pass_level, **common)
    return {**item, "metric": metric, "floor": floor, "target": target}


def manual(key, text, *, anchors, validity_days=365, pass_level=0.67, **common):
    """A criterion the team rates with evidence on labelled anchors ``[(value, he, en, ar), ...]``."""
    item = _criterion(key, text, pass_level=pass_level, **common)
    labels = [(v, _text((he, en, ar), f"{key} anchor {v}")) for v, he, en, ar in anchors]
    return {
        **item,
        "anchors": [
            {"value": v, "label_he": he, "label_en": en, "label_ar": ar} for v, (he, en, ar) in labels
        ],
        "validity_days": validity_days,
    }


def dimension(key, name, *, criteria, weight=1, floor=0):
    return {"key": key, "name": _text(name, key), "weight": weight, "floor": floor, "criteria": criteria}


def rubric(
    key,
    name,
    *,
    subject_type,
    kind,
    dimensions,
    description,
    stage="",
    threshold=75,
    min_coverage=0.5,
    applies_from=None,
):
    """A rubric. A stage's exit criteria and health review apply once the stage is active: before that
    the whole rubric is "not yet applicable" (grey), not a red a manager learns to ignore."""
    if subject_type not in SUBJECT_TYPES or kind not in KINDS:
        raise ValueError(f"{key}: unknown subject type {subject_type!r} or kind {kind!r}")
    if applies_from is None:
        applies_from = "active" if subject_type == "stage" and kind in ("exit", "health") else ""
    points = LIFECYCLES.get(subject_type, ())
    if applies_from and applies_from not in points:
        raise ValueError(f"{key}: {subject_type} has no point {applies_from!r}")
    for d in dimensions:
        for c in d["criteria"]:
            if c.get("applies_from") and c["applies_from"] not in points:
                raise ValueError(f"{key}/{c['key']}: {subject_type} has no point {c['applies_from']!r}")
    return {
        "key": key,
        "name": _text(name, key),
        "description": _text(description, key),
        "subject_type": subject_type,
        "kind": kind,
        "stage": stage,
        "threshold": threshold,
        "min_coverage": min_coverage,
        "applies_from": applies_from,
        "dimensions": dimensions,
    }


def steps(*labels):
    """Anchors numbered 0, 1, 2, … from ``(he, en, ar)`` triples, lowest level first."""
    return [(value, he, en, ar) for value, (he, en, ar) in enumerate(labels)]


# "Met from" levels for manual scales (a rating is normalised as value ÷ top value). Pass levels are stored
# with two decimals, so a 0–3 scale uses 0.66 to count the anchor 2 as met (2 ÷ 3 = 0.667 < 0.67, so the
# default 0.67 would demand the top anchor); a 0–4 scale counts the anchor 2 as met from 0.5.
MET_2_OF_3 = 0.66
MET_2_OF_4 = 0.5

RATE = (
    "הצוות מדרג ומצרף ראיה, למשל: ",
    "The team rates it and attaches evidence, e.g. ",
    "يقيّم الفريق هذا البند ويرفق دليلًا، مثلًا: ",
)


def rate(he, en, ar):
    """Guidance for a manual criterion: what counts as evidence."""
    return (RATE[0] + he, RATE[1] + en, RATE[2] + ar)


# ------------------------------------------------------------------------------------------------
# The source's sections and examples that criteria cite (Hebrew names, as in the source)
# ------------------------------------------------------------------------------------------------
S_SUMMARY = "תקציר מנהלים"
S_WELFARE_SYSTEM = "טרנספורמציה דיגיטלית במערכת הרווחה בישראל"
S_RATIONALE = "רציונל בבסיס המודל"
S_HUMAN_API = "API אנושי במיזם 'רווחה דיגיטלית'"
S_ASSUMPTIONS = "הנחות עבודה"
S_A = "שלב א' – הגדרת מושא השינוי, מוקדי השינוי הנדרש ודרכים להשגתם"
S_B1 = "שלב ב'1 – יצירת 'עמימות מובנת'"
S_B2 = "שלב ב'2 – גישוש ואיתור הזדמנויות"
S_C = "שלב ג' – בניית תהליכים בשני העולמות במקביל להגדרה של צרכים ומציאת פתרונות"
S_C_TABLE = "שלב ג' – בניית מנגנונים, תשתיות ופיתוח יכולות בשני העולמות"
S_BRIDGE_WORK = "עבודת API אנושי – חיבור בין עולמות"
S_D = "שלב ד' – ניצנים של שינויים תפיסתיים, והכנה לשלב הבא, או פרידה"
EX_RIGHTS = "דוגמה: שיפור הנגשת זכויות לאזרח"
EX_BASKET = "דוגמה: ייעול תהליך בחירה של שירותים במסגרת 'סל גמיש' לאנשים עם מוגבלויות"
EX_ELDERLY = "דוגמה: הפגת בדידות לאזרח הוותיק"
EX_DATA = "דוגמה: דאטה מעודכן, זמין ונגיש ליחידות המשרד"
EX_PROBATION = 'דוגמה: ייעול תהליכים במתן מענה לעוברי חוק במסלול של"צ'
EX_IRISK = "דוגמה: זיהוי מצבי סיכון לאלימות בזוגיות (i-risk)"

# The five parameters of a working connection between the worlds (S_RATIONALE), in the source's words.
PARAMETERS = (
    "הבנת הצרכים של כל עולם ומציאת פתרונות",
    "רצון ויכולת של בעלי תפקידים לעבוד ביחד",
    "שפה מובנת לשני העולמות",
    "מדיניות ונהלים המאפשרים עבודה אחד עם השני",
    "יוזמות משותפות",
)


# ------------------------------------------------------------------------------------------------
# Stage A exit
# ------------------------------------------------------------------------------------------------
STAGE_A_EXIT = rubric(
    "stage-a-exit",
    ("קריטריוני יציאה משלב א׳", "Stage A exit criteria", "معايير الخروج من المرحلة أ"),
    description=(
        "האם מושא השינוי, מוקדי השינוי והדרכים להגיע אליהם מוגדרים דיים כדי להתקדם.",
        "Are the change object, the change foci and the ways to reach them defined well enough to move on.",
        "هل حُدّد موضوع التغيير وبؤر التغيير وطرق الوصول إليها بما يكفي للمضي قدمًا؟",
    ),
    subject_type="stage",
    kind="exit",
    stage="A",
    threshold=75,
    dimensions=[
        dimension(
            "design",
            ("תכנון השינוי", "Change design", "تصميم التغيير"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "change-object",
                    ("מושא השינוי מוגדר", "The change object is defined", "موضوع التغيير محدد"),
                    metric="core.change_object_defined",
                    critical=True,
                    weight=2,
                    source=source(S_A, "בשלב הראשון על הצוות להגדיר מי, או מה הוא המוקד"),
                    guidance=(
                        "בעמוד המיזם: ארגון (למשל המשרד), מגזר (למשל רשויות מקומיות) או סוגיה חברתית.",
                        "On the engagement page: an organisation (e.g. the ministry), a sector (e.g. local authorities) or a social issue.",
                        "في صفحة المشروع: منظمة (مثل الوزارة)، أو قطاع (مثل السلطات المحلية)، أو قضية اجتماعية.",
                    ),
                    next_action=(
                        "הגדירו את מושא השינוי בעמוד המיזם",
                        "Define the change object on the engagement page",
                        "حدّدوا موضوع التغيير في صفحة المشروع",
                    ),
                ),
                auto(
                    "desired-current",
                    (
                        "המציאות הנשאפת ואבחון המצב הקיים כתובים",
                        "The desired reality and the current state are written",
                        "الواقع المنشود وتشخيص الوضع القائم مكتوبان",
                    ),
                    metric="stages.desired_and_current_state",
                    source=source(S_A, "יחל תהליך תכנון של הגדרת מציאות נשאפת ואבחון מצב קיים"),
                    guidance=(
                        "בעמוד תכנון השינוי; נדרשים שני התיאורים, כי הפער ביניהם הוא מקור מוקדי השינוי.",
                        "On the change-design page; both are needed, since the gap between them yields the change foci.",
                        "في صفحة تصميم التغيير؛ يلزم الوصفان معًا، لأن الفجوة بينهما هي مصدر بؤر التغيير.",
                    ),
                    next_action=(
                        "כתבו את המציאות הנשאפת ואת אבחון המצב הקיים",
                        "Write the desired reality and the diagnosis of the current state",
                        "اكتبوا الواقع المنشود وتشخيص الوضع القائم",
                    ),
                ),
                auto(
                    "change-foci",
                    ("מוקדי שינוי הוגדרו", "Change foci are defined", "بؤر التغيير محددة"),
                    metric="stages.change_foci",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_A, "מתוך הפערים ניתן להגדיר את מוקדי השינוי"),
                    guidance=(
                        "כל מוקד שינוי נגזר מפער בין הרצוי לקיים. שניים לפחות נחשבים עמידה; עדיף מעט מוקדים ברורים על פני רבים.",
                        "Each focus comes from a gap between desired and current. Two or more count as met; a few clear foci beat many.",
                        "كل بؤرة تغيير تنبع من فجوة بين المنشود والقائم. بؤرتان أو أكثر تُعدّ استيفاءً؛ والقليل الواضح خير من الكثير.",
                    ),
                    next_action=(
                        "גזרו מוקד שינוי מכל פער מרכזי בין הרצוי לקיים",
                        "Derive a change focus from each main gap between desired and current",
                        "استخرجوا بؤرة تغيير من كل فجوة رئيسية بين المنشود والقائم",
                    ),
                ),
                auto(
                    "theory-of-change",
                    (
                        "תאוריית שינוי או מודל לוגי",
                        "A theory of change or logic model",
                        "نظرية تغيير أو نموذج منطقي",
                    ),
                    metric="stages.theory_of_change",
                    pass_level=0.8,
                    source=source(S_A, "לאורם תיבנה תאוריית השינוי"),
                    guidance=(
                        "תאוריית שינוי כתובה, או מודל לוגי מלא: תשומות, פעילויות, תפוקות, תוצאות והשפעה.",
                        "A written theory of change, or a full logic model: inputs, activities, outputs, outcomes and impact.",
                        "نظرية تغيير مكتوبة، أو نموذج منطقي كامل: مدخلات وأنشطة ومخرجات ونتائج وأثر.",
                    ),
                    next_action=(
                        "כתבו תאוריית שינוי או השלימו את רמות המודל הלוגי",
                        "Write a theory of change or fill in the logic model's levels",
                        "اكتبوا نظرية التغيير أو أكملوا مستويات النموذج المنطقي",
                    ),
                ),
            ],
        ),
        dimension(
            "goals",
            ("יעדים ומדידה", "Goals and measurement", "الأهداف والقياس"),
            weight=2,
            criteria=[
                auto(
                    "goals-measured",
                    (
                        "לכל יעד מדד הצלחה עם מדידה",
                        "Every goal has a success metric that was measured",
                        "لكل هدف مؤشر نجاح جرى قياسه",
                    ),
                    metric="stages.goals_measured",
                    pass_level=0.8,
                    weight=2,
                    source=source(S_A, "ויגדרו יעדים ומדדי הצלחה"),
                    guidance=(
                        "לכל יעד בתכנון השינוי: מדד הצלחה עם ערך בסיס, ערך יעד ומדידה אחת לפחות.",
                        "For each goal in the change design: a success metric with a baseline, a target and at least one measurement.",
                        "لكل هدف في تصميم التغيير: مؤشر نجاح بقيمة أساس وقيمة مستهدفة وقياس واحد على الأقل.",
                    ),
                    next_action=(
                        "קבעו לכל יעד מדד עם ערך בסיס ותעדו מדידה ראשונה",
                        "Give each goal a metric with a baseline and record a first measurement",
                        "حدّدوا لكل هدف مؤشرًا بقيمة أساس وسجّلوا قياسًا أول",
                    ),
                ),
                auto(
                    "maturity-diagnostic",
                    (
                        "נערך אבחון בשלות דיגיטלית",
                        "A digital-maturity diagnostic was done",
                        "أُجري تشخيص للنضج الرقمي",
                    ),
                    metric="stages.maturity_diagnostic",
                    source=source(S_A, "נערך שימוש בכלי אבחון ליצירת מדד דיגיטלי ובשלות דיגיטלית"),
                    guidance=(
                        "מילוי שאלון הבשלות הדיגיטלית של הארגון (80% לפחות מהשאלות), או תאריך אבחון בעמוד תכנון השינוי.",
                        "Fill in the organisation's digital-maturity questionnaire (at least 80% answered), or record a diagnostic date on the change-design page.",
                        "ملء استبيان النضج الرقمي للمنظمة (80% من الأسئلة على الأقل)، أو تسجيل تاريخ التشخيص في صفحة تصميم التغيير.",
                    ),
                    next_action=(
                        "מלאו את שאלון הבשלות הדיגיטלית של הארגון",
                        "Fill in the organisation's digital-maturity questionnaire",
                        "املؤوا استبيان النضج الرقمي للمنظمة",
                    ),
                ),
            ],
        ),
        dimension(
            "governance",
            ("הובלה ומחויבות", "Governance and commitment", "القيادة والالتزام"),
            weight=2,
            criteria=[
                auto(
                    "steering-committee",
                    ("ועדת היגוי פועלת", "A steering committee works", "لجنة توجيهية تعمل"),
                    metric="core.steering_committee",
                    critical=True,
                    source=source(S_A, "בנוסף נבנה צוות היגוי"),
                    guidance=(
                        "צוות מסוג ועדת היגוי בעמוד המיזם, עם חברים ובלי תאריך פירוק.",
                        "A team of kind steering committee on the engagement page, with members and no dissolution date.",
                        "فريق من نوع لجنة توجيهية في صفحة المشروع، له أعضاء وبلا تاريخ حلّ.",
                    ),
                    next_action=(
                        "הקימו ועדת היגוי ורשמו את חבריה",
                        "Set up a steering committee and record its members",
                        "شكّلوا لجنة توجيهية وسجّلوا أعضاءها",
                    ),
                ),
                manual(
                    "management-commitment",
                    (
                        "הנהלת המשרד שותפה להגדרות ומחויבת להן",
                        "Ministry management shares and backs the definitions",
                        "إدارة الوزارة شريكة في التعريفات وملتزمة بها",
                    ),
                    anchors=steps(
                        (
                            "ההגדרות לא הוצגו להנהלה",
                            "The definitions were not presented to management",
                            "لم تُعرض التعريفات على الإدارة",
                        ),
                        ("הוצגו, בלי תגובה ברורה", "Presented, without a clear response", "عُرضت دون ردّ واضح"),
                        (
                            "אושרו עקרונית בוועדת ההיגוי",
                            "Endorsed in principle by the steering committee",
                            "أقرّتها اللجنة التوجيهية مبدئيًا",
                        ),
                        (
                            "אושרו והוקצו להן אנשים ומשאבים",
                            "Endorsed, with people and resources assigned",
                            "أُقرّت وخُصّص لها أشخاص وموارد",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    source=source(S_RATIONALE, "שינוי מערכתי מסוג זה תלוי ברובו ביכולותיו הפנימיות של המשרד"),
                    guidance=rate(
                        "פרוטוקול ועדת היגוי או החלטת הנהלה.",
                        "steering-committee minutes or a management decision.",
                        "محضر اللجنة التوجيهية أو قرار من الإدارة.",
                    ),
                    next_action=(
                        "הציגו את ההגדרות בוועדת ההיגוי ותעדו את ההחלטה",
                        "Present the definitions to the steering committee and record the decision",
                        "اعرضوا التعريفات على اللجنة التوجيهية ووثّقوا القرار",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage B1 exit — structured ambiguity
# ------------------------------------------------------------------------------------------------
STAGE_B1_EXIT = rubric(
    "stage-b1-exit",
    ("קריטריוני יציאה משלב ב׳1", "Stage B1 exit criteria", "معايير الخروج من المرحلة ب1"),
    description=(
        "האם העמימות של חיבור שני העולמות הפכה לעמימות מובנת: עקרונות וגבולות ברורים ומתחים מנוהלים.",
        "Has the ambiguity of joining the two worlds become structured: clear principles and boundaries, managed tensions.",
        "هل تحوّل غموض الربط بين العالمين إلى غموض منظَّم: مبادئ وحدود واضحة وتوترات مُدارة؟",
    ),
    subject_type="stage",
    kind="exit",
    stage="B1",
    threshold=75,
    dimensions=[
        dimension(
            "principles",
            ("עקרונות וגבולות", "Principles and boundaries", "المبادئ والحدود"),
            weight=2,
            criteria=[
                auto(
                    "working-principles",
                    (
                        "עקרונות עבודה וגבולות סוכמו",
                        "Working principles and boundaries are agreed",
                        "تم الاتفاق على مبادئ العمل وحدوده",
                    ),
                    metric="stages.working_principles",
                    target=4,
                    pass_level=0.75,
                    source=source(S_B1, "ביצירת גבולות ועקרונות עבודה המקנים תחושת ביטחון"),
                    guidance=(
                        "ברשימת עקרונות העבודה של המיזם, למשל: חלום גדול משותף, עצימות גבוהה בפתיחה, מענה לכמה צרכים, לגיטימיות למתחים.",
                        "In the engagement's working principles, e.g. a shared big dream, high intensity at the start, several needs per initiative, tensions are legitimate.",
                        "في قائمة مبادئ عمل المشروع، مثلًا: حلم كبير مشترك، كثافة عالية في البداية، استجابة لعدة احتياجات، شرعية التوترات.",
                    ),
                    next_action=(
                        "סכמו עם הצוות המוביל עקרונות עבודה וגבולות ורשמו אותם",
                        "Agree working principles and boundaries with the leading team and record them",
                        "اتفقوا مع الفريق القيادي على مبادئ العمل وحدوده وسجّلوها",
                    ),
                ),
                auto(
                    "big-dream",
                    (
                        "לכל יוזמה פעילה חלום גדול משותף",
                        "Every active initiative has a shared big dream",
                        "لكل مبادرة نشطة حلم كبير مشترك",
                    ),
                    metric="initiatives.big_dream_share",
                    pass_level=0.8,
                    source=source(S_B1, "כל תהליך שינוי מתחיל בהגדרת 'החלום הגדול המשותף'"),
                    guidance=(
                        "השדה 'החלום הגדול המשותף' בכרטיס היוזמה, שנוסח יחד עם אנשי שני העולמות.",
                        "The 'shared big dream' field on the initiative, written together with people from both worlds.",
                        "حقل «الحلم الكبير المشترك» في بطاقة المبادرة، مصاغًا بالاشتراك مع أشخاص من العالمين.",
                    ),
                    next_action=(
                        "נסחו עם שני העולמות את החלום הגדול של כל יוזמה פעילה",
                        "Write each active initiative's big dream with both worlds",
                        "صوغوا مع العالمين الحلم الكبير لكل مبادرة نشطة",
                    ),
                ),
            ],
        ),
        dimension(
            "tensions",
            ("ניהול מתחים", "Managing tensions", "إدارة التوترات"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "tensions-legitimised",
                    (
                        "המתחים שעלו קיבלו לגיטימציה",
                        "Raised tensions are legitimised",
                        "التوترات التي ظهرت نالت الشرعية",
                    ),
                    metric="tensions.legitimised_share",
                    pass_level=0.8,
                    source=source(S_B1, "מתן לגיטימציה למתח ולקושי העולה ממנו"),
                    guidance=(
                        "מתח שנדון בגלוי מתקדם ברשימת המתחים מעבר למצב 'הועלה'.",
                        "A tension discussed openly moves past 'raised' in the tension list.",
                        "التوتر الذي نوقش علنًا يتقدّم في قائمة التوترات إلى ما بعد حالة «طُرح».",
                    ),
                    next_action=(
                        "דונו בגלוי במתחים שהועלו ועדכנו את מצבם",
                        "Discuss the raised tensions openly and update their state",
                        "ناقشوا التوترات المطروحة علنًا وحدّثوا حالتها",
                    ),
                ),
                auto(
                    "tensions-criteria",
                    (
                        "למתחים הפתוחים יש קריטריונים להחלטה",
                        "Open tensions have decision criteria",
                        "للتوترات المفتوحة معايير لاتخاذ القرار",
                    ),
                    metric="tensions.open_with_criteria",
                    pass_level=0.8,
                    source=source(S_B1, "יצירת קריטריונים לקבלת החלטות"),
                    guidance=(
                        "קריטריון להחלטה בכרטיס המתח, ועדיף בחשיבה של 'גם וגם' ולא 'או-או'.",
                        "A decision criterion on the tension, preferably 'both-and' rather than 'either-or'.",
                        "معيار للقرار في بطاقة التوتر، ويُفضَّل بتفكير «هذا وذاك» لا «إمّا أو».",
                    ),
                    next_action=(
                        "קבעו קריטריון להחלטה לכל מתח פתוח",
                        "Set a decision criterion for each open tension",
                        "حدّدوا معيارًا للقرار لكل توتر مفتوح",
                    ),
                ),
                auto(
                    "no-long-blocking",
                    (
                        "אין מתח שחוסם התקדמות זמן רב מדי",
                        "No tension blocks progress for too long",
                        "لا يوجد توتر يعيق التقدم لمدة طويلة أكثر من اللازم",
                    ),
                    metric="tensions.blocking_too_long",
                    floor=2,
                    target=0,
                    critical=True,
                    weight=2,
                    source=source(S_B1, "בחינה מתי העיסוק במתח מונע התקדמות ונדרש להפסיק לעסוק בו"),
                    guidance=(
                        "נספרים מתחים פתוחים שחוסמים יותר מתקופת ההתראה (ברירת המחדל: 14 יום). זה הזמן 'לקפוץ למים': להכריע, לעקוף או להעלות לוועדת ההיגוי.",
                        "Counts open tensions blocking longer than the alert period (14 days by default). Time to 'jump into the water': decide, work around it or take it to the steering committee.",
                        "تُحتسب التوترات المفتوحة التي تعيق التقدم أكثر من فترة التنبيه (14 يومًا افتراضيًا). حان وقت «القفز إلى الماء»: الحسم أو الالتفاف أو الرفع إلى اللجنة التوجيهية.",
                    ),
                    next_action=(
                        "הכריעו במתח החוסם, עקפו אותו או העלו אותו לוועדת ההיגוי",
                        "Decide the blocking tension, work around it or take it to the steering committee",
                        "احسموا التوتر المعيق أو التفّوا عليه أو ارفعوه إلى اللجنة التوجيهية",
                    ),
                ),
            ],
        ),
        dimension(
            "ambiguity",
            ("עמימות מובנת", "Structured ambiguity", "الغموض المنظَّم"),
            weight=2,
            criteria=[
                manual(
                    "act-in-ambiguity",
                    (
                        "הצוותים פועלים בביטחון בתוך העמימות ומדברים בגלוי על אי-הוודאות",
                        "Teams act with confidence within the ambiguity and discuss uncertainty openly",
                        "تعمل الفرق بثقة في ظل الغموض وتتحدث عن عدم اليقين بصراحة",
                    ),
                    anchors=steps(
                        (
                            "אי-הוודאות משתקת או מוסתרת",
                            "Uncertainty paralyses the work or is hidden",
                            "عدم اليقين يشلّ العمل أو يُخفى",
                        ),
                        (
                            "אי-הוודאות עולה רק במשברים",
                            "Uncertainty comes up only in crises",
                            "لا يُطرح عدم اليقين إلا في الأزمات",
                        ),
                        (
                            "נדונה בגלוי בצוות המוביל, פחות בצוותי העבודה",
                            "Discussed openly in the leading team, less in work teams",
                            "يُناقش علنًا في الفريق القيادي، وأقل في فرق العمل",
                        ),
                        (
                            "נדונה בגלוי בכל הצוותים, והחלטות מתקבלות למרותה",
                            "Discussed openly in all teams, and decisions are made despite it",
                            "يُناقش علنًا في جميع الفرق، وتُتخذ القرارات رغم وجوده",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    source=source(
                        S_ASSUMPTIONS,
                        "על ה API אנושי לתת לגיטימציה לעמימות ולאפשר למשרד הרווחה להתנהל ולצמוח בתוכה",
                    ),
                    guidance=rate(
                        "סיכומי פגישות, משוב מבעלי תפקידים או דוגמאות להחלטות שהתקבלו בלי ודאות מלאה.",
                        "meeting notes, feedback from role holders, or examples of decisions taken without full certainty.",
                        "محاضر اجتماعات، أو ملاحظات من أصحاب الأدوار، أو أمثلة لقرارات اتُّخذت دون يقين كامل.",
                    ),
                    next_action=(
                        "דרגו את הפעולה בתוך העמימות, עם דוגמאות להחלטות מהצוותים",
                        "Rate how teams act within the ambiguity, with examples of their decisions",
                        "قيّموا عمل الفرق في ظل الغموض، مع أمثلة على قراراتها",
                    ),
                ),
                manual(
                    "high-intensity-start",
                    (
                        "יוזמות חדשות יוצאות לדרך בעצימות גבוהה של שני העולמות",
                        "New initiatives start with high intensity from both worlds",
                        "تنطلق المبادرات الجديدة بكثافة عالية من العالمين",
                    ),
                    anchors=steps(
                        (
                            "יוזמות מתחילות בלי זמן מוקצה של אנשי המשרד",
                            "Initiatives start with no ministry time assigned",
                            "تبدأ المبادرات دون وقت مخصص من موظفي الوزارة",
                        ),
                        ("רק צד אחד משקיע", "Only one side invests", "طرف واحد فقط يستثمر"),
                        (
                            "שני העולמות משקיעים, בלי קצב קבוע",
                            "Both worlds invest, without a steady rhythm",
                            "العالمان يستثمران، ولكن دون إيقاع ثابت",
                        ),
                        (
                            "צוות משותף נפגש בקצב צפוף וקבוע מתחילת היוזמה",
                            "A joint team meets often and regularly from the start",
                            "فريق مشترك يجتمع بوتيرة متقاربة ومنتظمة منذ بداية المبادرة",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    source=source(S_B1, "על כן כל יוזמה מתחילה בעצימות גבוהה"),
                    guidance=rate(
                        "רישומי העצימות של היוזמות ולוח הפגישות של הצוותים המשותפים.",
                        "the initiatives' intensity records and the joint teams' meeting schedule.",
                        "سجلات كثافة المبادرات وجدول اجتماعات الفرق المشتركة.",
                    ),
                    next_action=(
                        "קבעו ליוזמה החדשה צוות משותף עם קצב פגישות צפוף",
                        "Give the new initiative a joint team with a close meeting rhythm",
                        "خصّصوا للمبادرة الجديدة فريقًا مشتركًا بوتيرة اجتماعات متقاربة",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage B2 exit — scouting and locating opportunities
# ------------------------------------------------------------------------------------------------
STAGE_B2_EXIT = rubric(
    "stage-b2-exit",
    ("קריטריוני יציאה משלב ב׳2", "Stage B2 exit criteria", "معايير الخروج من المرحلة ب2"),
    description=(
        "האם עולם הדיגיטל הרלוונטי מופה, מידע וצרכים זורמים בשני הכיוונים ונמצאו יוזמות ראשונות לעבודה משותפת.",
        "Is the relevant digital world mapped, do information and needs flow both ways, and are there first initiatives for joint work.",
        "هل رُسمت خريطة العالم الرقمي ذي الصلة، وهل تتدفق المعلومات والاحتياجات في الاتجاهين، وهل وُجدت مبادرات أولى للعمل المشترك؟",
    ),
    subject_type="stage",
    kind="exit",
    stage="B2",
    threshold=70,
    dimensions=[
        dimension(
            "mapping",
            (
                "מיפוי ונוכחות בעולם הדיגיטל",
                "Mapping and presence in the digital world",
                "رسم الخرائط والحضور في العالم الرقمي",
            ),
            weight=2,
            criteria=[
                auto(
                    "organizations-mapped",
                    (
                        "ארגוני עולם הדיגיטל הרלוונטיים מופו",
                        "Relevant digital-world organisations are mapped",
                        "رُسمت خريطة منظمات العالم الرقمي ذات الصلة",
                    ),
                    metric="opportunities.organizations_mapped",
                    target=15,
                    pass_level=0.8,
                    source=source(
                        S_B2, "מיפוי ואיתור ארגונים בעולם הדיגיטלי הרלוונטיים למיזם רווחה דיגיטלית"
                    ),
                    guidance=(
                        "ארגונים מעולם הדיגיטל ששויכו למיזם או שתועדו בפעילויות גישוש: סטארט-אפים, חברות, טק חברתי, חממות וגופי דיגיטל ממשלתיים.",
                        "Digital-world organisations linked to the engagement or recorded in scouting: startups, companies, social-tech, incubators, government digital bodies.",
                        "منظمات من العالم الرقمي رُبطت بالمشروع أو وُثّقت في أنشطة الاستكشاف: شركات ناشئة، شركات، تكنولوجيا اجتماعية، حاضنات وهيئات رقمية حكومية.",
                    ),
                    next_action=(
                        "תעדו את הארגונים שפגשתם בגישוש ושייכו אותם למיזם",
                        "Record the organisations met while scouting and link them to the engagement",
                        "وثّقوا المنظمات التي التقيتم بها أثناء الاستكشاف واربطوها بالمشروع",
                    ),
                ),
                auto(
                    "channels-used",
                    (
                        "נעשה שימוש במגוון ערוצי גישוש",
                        "A range of scouting channels is used",
                        "تُستخدم قنوات استكشاف متنوعة",
                    ),
                    metric="opportunities.channels_used",
                    target=4,
                    pass_level=0.75,
                    source=source(S_B2, "מיפוי ואיתור דרכים בהן ניתן לעלות מודעות בעולם הדיגיטל"),
                    guidance=(
                        "סוגי פעילויות הגישוש: כנסים, ימי עיון, האקתונים, מכרזי אתגר, RFI, כנסי ספקים, שיפוט בקרנות, ביקורים בחממות ומפגשי רשתות.",
                        "Kinds of scouting activity: conferences, study days, hackathons, challenge tenders, RFIs, vendor conferences, fund judging, incubator visits, network meetings.",
                        "أنواع أنشطة الاستكشاف: مؤتمرات، أيام دراسية، هاكاثونات، مناقصات تحدٍّ، طلبات معلومات (RFI)، مؤتمرات موردين، تحكيم في صناديق، زيارات لحاضنات ولقاءات شبكات.",
                    ),
                    next_action=(
                        "תכננו פעילות גישוש בערוץ שעוד לא נוסה",
                        "Plan a scouting activity in a channel not yet tried",
                        "خطّطوا نشاط استكشاف في قناة لم تُجرَّب بعد",
                    ),
                ),
                manual(
                    "digital-presence",
                    (
                        "הצוות נוכח בקביעות בעולם הדיגיטל",
                        "The team is regularly present in the digital world",
                        "الفريق حاضر بانتظام في العالم الرقمي",
                    ),
                    anchors=steps(
                        ("אין נוכחות", "No presence", "لا حضور"),
                        (
                            "השתתפות מזדמנת באירועים",
                            "Occasional attendance at events",
                            "مشاركة عرضية في الفعاليات",
                        ),
                        (
                            "נוכחות קבועה בכמה ערוצים",
                            "Regular presence in several channels",
                            "حضور منتظم في عدة قنوات",
                        ),
                        (
                            "הצוות מוכר בקהילה ומוזמן לשפוט, להנחות ולהרצות",
                            "The team is known in the community and invited to judge, mentor and speak",
                            "الفريق معروف في المجتمع ويُدعى للتحكيم والإرشاد وإلقاء المحاضرات",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    source=source(S_BRIDGE_WORK, "נוכחות בעולם הדיגיטלי ויצירת אטרקטיביות למשרד הרווחה"),
                    guidance=rate(
                        "פעילויות גישוש מתועדות, הזמנות לשפוט בקרנות או להנחות בהאקתונים ופניות יזומות מעולם הדיגיטל.",
                        "recorded scouting, invitations to judge funds or mentor at hackathons, and approaches initiated by the digital world.",
                        "أنشطة استكشاف موثّقة، ودعوات للتحكيم في صناديق أو للإرشاد في هاكاثونات، ومبادرات تواصل من العالم الرقمي.",
                    ),
                    next_action=(
                        "דרגו את הנוכחות בעולם הדיגיטל, עם ההזמנות והפניות שהתקבלו",
                        "Rate the presence in the digital world, with the invitations and approaches received",
                        "قيّموا الحضور في العالم الرقمي، مع الدعوات والتواصل الوارد",
                    ),
                ),
            ],
        ),
        dimension(
            "flow",
            ("הזרמת מידע וצרכים", "Flow of information and needs", "تدفق المعلومات والاحتياجات"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "flow-both-ways",
                    ("ידע זורם בשני הכיוונים", "Knowledge flows both ways", "المعرفة تتدفق في الاتجاهين"),
                    metric="opportunities.flow_directions",
                    target=2,
                    critical=True,
                    weight=2,
                    source=source(S_B2, "התחלה של הזרמת מידע וצרכים בין העולמות"),
                    guidance=(
                        "זרימות ידע במצב 'זורם' גם מהרווחה לדיגיטל (צרכים, רגולציה, כללי נתונים, דרכי רכש) וגם מהדיגיטל לרווחה (טכנולוגיות, פרקטיקות, שירותים קיימים).",
                        "Knowledge flows marked 'flowing' both from welfare to digital (needs, regulation, data rules, procurement) and from digital to welfare (technologies, practices, existing services).",
                        "تدفقات معرفة في حالة «يتدفق» من عالم الرفاه إلى العالم الرقمي (احتياجات، تنظيم، قواعد بيانات، طرق شراء) ومن العالم الرقمي إلى عالم الرفاه (تقنيات، ممارسات، خدمات قائمة).",
                    ),
                    next_action=(
                        "פתחו זרימת ידע בכיוון שעדיין אינו זורם",
                        "Open a knowledge flow in the direction that does not flow yet",
                        "افتحوا تدفق معرفة في الاتجاه الذي لا يتدفق بعد",
                    ),
                ),
                auto(
                    "broadcasts-published",
                    (
                        "צרכים פורסמו לעולם הדיגיטל בקול קורא",
                        "Needs were published to the digital world in a call for proposals",
                        "نُشرت احتياجات إلى العالم الرقمي في دعوة لتقديم مقترحات",
                    ),
                    metric="opportunities.broadcasts_published",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(EX_PROBATION, "מכרז אתגר שפורסם בגוינט זימן הכרות עם חברת Howazit"),
                    guidance=(
                        "קולות קוראים שפורסמו לשותפים; טיוטות אינן נספרות.",
                        "Calls for proposals published to partners; drafts do not count.",
                        "دعوات لتقديم مقترحات نُشرت للشركاء؛ المسودات لا تُحتسب.",
                    ),
                    next_action=(
                        "פרסמו קול קורא לצורך שכבר מוגדר",
                        "Publish a call for proposals for a need already defined",
                        "انشروا دعوة لتقديم مقترحات لاحتياج محدد مسبقًا",
                    ),
                ),
            ],
        ),
        dimension(
            "first-initiatives",
            ("יוזמות ראשונות", "First initiatives", "المبادرات الأولى"),
            weight=2,
            criteria=[
                auto(
                    "candidate-initiatives",
                    (
                        "נמצאו יוזמות לתחילת עבודה משותפת",
                        "Initiatives to start joint work were found",
                        "وُجدت مبادرات لبدء العمل المشترك",
                    ),
                    metric="initiatives.candidates",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_B2, 'איתור מספר יוזמות או "פרויקטים" להתחלת עבודה משותפת'),
                    guidance=(
                        "יוזמות במצב 'בבחינה' ומעלה; שתיים לפחות נחשבות עמידה.",
                        "Initiatives at 'exploring' or beyond; two or more count as met.",
                        "مبادرات في حالة «قيد الاستكشاف» فما فوق؛ مبادرتان أو أكثر تُعدّ استيفاءً.",
                    ),
                    next_action=(
                        "קדמו יוזמה מבטיחה למצב 'בבחינה' עם שותף מעולם הדיגיטל",
                        "Move a promising initiative to 'exploring' with a digital-world partner",
                        "انقلوا مبادرة واعدة إلى حالة «قيد الاستكشاف» مع شريك من العالم الرقمي",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage C health — the two parts of stage C; stage C never ends, so this is never a gate
# ------------------------------------------------------------------------------------------------
STAGE_C_HEALTH = rubric(
    "stage-c-health",
    ("בריאות שלב ג׳", "Stage C health review", "مراجعة سلامة المرحلة ج"),
    description=(
        "בדיקת בריאות של שני החלקים של שלב ג׳ – בניית תהליכים בשני העולמות במקביל להגדרה של צרכים ומציאת פתרונות: "
        "(1) מנגנונים, תשתיות ויכולות בשני העולמות; (2) חיבור צרכים לפתרונות. שלב ג׳ אינו מסתיים לעולם, רק "
        "העצימות שלו משתנה, ולכן זו לעולם אינה שער לסגירתו: היא מראה איזה חלק זקוק לעוד עצימות.",
        "A health review of the two parts of stage C — building processes in both worlds while defining needs and "
        "finding solutions: (1) mechanisms, infrastructures and capabilities in both worlds; (2) needs connected to "
        "solutions. Stage C never ends, only its intensity changes, so this is never a gate that closes it: it shows "
        "which part needs more intensity.",
        "مراجعة سلامة جزأي المرحلة ج – بناء العمليات في العالمين بالتوازي مع تحديد الاحتياجات وإيجاد الحلول: "
        "(1) الآليات والبنى التحتية والقدرات في العالمين؛ (2) ربط الاحتياجات بالحلول. المرحلة ج لا تنتهي أبدًا، "
        "بل تتغير كثافتها فقط، لذا فهذه المراجعة ليست بوابة لإغلاقها أبدًا: إنها تُظهر أي الجزأين يحتاج إلى كثافة أكبر.",
    ),
    subject_type="stage",
    kind="health",
    stage="C",
    threshold=70,
    dimensions=[
        dimension(
            "mechanisms",
            (
                "מנגנונים, תשתיות ויכולות בשני העולמות",
                "Mechanisms, infrastructures and capabilities in both worlds",
                "الآليات والبنى التحتية والقدرات في العالمين",
            ),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "mechanism-cells",
                    (
                        "יש מנגנונים פועלים בקטגוריות השונות בשני העולמות",
                        "Working mechanisms exist across categories in both worlds",
                        "توجد آليات عاملة في مختلف الفئات في العالمين",
                    ),
                    metric="stages.mechanism_cells",
                    target=0.7,
                    pass_level=0.8,
                    weight=2,
                    source=source(S_C, "בניית מנגנונים, תשתיות ופיתוח יכולות בשני העולמות"),
                    guidance=(
                        "חלק מ-14 התאים (7 קטגוריות × 2 עולמות) שיש בהם מנגנון במצב 'פועל' או 'ממוסד'. בעולם הדיגיטל חלק מהקטגוריות פחות רלוונטיות, ולכן היעד הוא כ-10 תאים, ו-8 נחשבים עמידה.",
                        "Share of the 14 cells (7 categories × 2 worlds) holding an established or institutionalised mechanism. Some categories matter less in the digital world, so the target is about 10 cells and 8 count as met.",
                        "نسبة الخانات الأربع عشرة (7 فئات × عالمان) التي فيها آلية في حالة «تعمل» أو «مؤسسية». بعض الفئات أقل صلة بالعالم الرقمي، لذا فالهدف نحو 10 خانات، وتُعدّ 8 استيفاءً.",
                    ),
                    next_action=(
                        "בחרו תא ריק במפת המנגנונים ותכננו בו מנגנון",
                        "Pick an empty cell of the mechanism map and plan a mechanism for it",
                        "اختاروا خانة فارغة في خريطة الآليات وخطّطوا لها آلية",
                    ),
                ),
                auto(
                    "world-balance",
                    (
                        "איזון בין המנגנונים בשני העולמות",
                        "Mechanisms are balanced between the worlds",
                        "توازن الآليات بين العالمين",
                    ),
                    metric="stages.world_balance",
                    target=0.8,
                    pass_level=0.75,
                    source=source(
                        S_SUMMARY, "בבסיס התפקיד עומדת התפיסה כי שינוי מסוג זה דורש פיתוח של שני העולמות"
                    ),
                    guidance=(
                        "מספר המנגנונים בעולם החלש חלקי מספרם בעולם החזק. שינוי בר-קיימא דורש לפתח את שני העולמות, לא רק את המשרד.",
                        "Mechanisms in the weaker world divided by those in the stronger one. Lasting change needs both worlds developed, not only the ministry.",
                        "عدد الآليات في العالم الأضعف مقسومًا على عددها في العالم الأقوى. التغيير المستدام يتطلب تطوير العالمين، لا الوزارة وحدها.",
                    ),
                    next_action=(
                        "תכננו מנגנון בעולם שיש בו פחות מנגנונים",
                        "Plan a mechanism in the world that has fewer",
                        "خطّطوا آلية في العالم الذي فيه آليات أقل",
                    ),
                ),
                manual(
                    "methods-in-use",
                    (
                        "שיטות העבודה החדשות בשימוש שוטף במשרד",
                        "The new work methods are in everyday use in the ministry",
                        "أساليب العمل الجديدة مستخدمة يوميًا في الوزارة",
                    ),
                    anchors=steps(
                        ("השיטות לא נוסו", "The methods were not tried", "لم تُجرَّب الأساليب"),
                        (
                            "נוסו ביוזמה אחת, בליווי הצוות",
                            "Tried in one initiative, with the team's support",
                            "جُرّبت في مبادرة واحدة بمرافقة الفريق",
                        ),
                        ("בשימוש בכמה אגפים", "Used in several divisions", "مستخدمة في عدة أقسام"),
                        (
                            "דרך העבודה המקובלת בפרויקטים חדשים",
                            "The usual way of working in new projects",
                            "طريقة العمل المعتادة في كل تطوير جديد",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    source=source(
                        S_C_TABLE, "שיטת עבודה בה בעלי תפקידים בתחומי הרווחה ובתחום הדיגיטל יוצאים לדרך ביחד"
                    ),
                    guidance=rate(
                        "דוגמאות לתכנון שירות ממוקד אדם ולמסעות לקוח, צוותי 'שניים בקופסה' וניהול מבוסס נתונים.",
                        "examples of human-centred service design and customer journeys, 'two in a box' pairs and data-driven management.",
                        "أمثلة على تصميم الخدمات المتمحور حول الإنسان ورحلات العملاء، وثنائيات «اثنان في صندوق» والإدارة المستندة إلى البيانات.",
                    ),
                    next_action=(
                        "דרגו את השימוש בשיטות, עם דוגמאות מהאגפים",
                        "Rate how the methods are used, with examples from the divisions",
                        "قيّموا استخدام الأساليب، مع أمثلة من الأقسام",
                    ),
                ),
            ],
        ),
        dimension(
            "needs-solutions",
            ("חיבור צרכים ופתרונות", "Connecting needs and solutions", "ربط الاحتياجات بالحلول"),
            weight=3,
            criteria=[
                auto(
                    "needs-in-pilot",
                    (
                        "צרכים מחוברים לפתרון בפיילוט ומעלה",
                        "Needs are connected to a solution in pilot or beyond",
                        "الاحتياجات مرتبطة بحل في مرحلة التجربة الرائدة أو ما بعدها",
                    ),
                    metric="initiatives.needs_in_pilot",
                    target=0.5,
                    pass_level=0.8,
                    weight=2,
                    source=source(
                        S_C, "חלק זה עוסק במימוש של הטרנספורמציה הדיגיטלית וכיצד היא באה לידי ביטוי"
                    ),
                    guidance=(
                        "חלק הצרכים (שלא נזנחו) שמחוברים ליוזמה בפיילוט, בהרחבה או בהפעלה שוטפת. היעד הוא מחצית, ו-40% נחשבים עמידה.",
                        "Share of needs (not dropped) linked to an initiative in pilot, scaling or sustained. The target is half; 40% counts as met.",
                        "نسبة الاحتياجات (غير المتروكة) المرتبطة بمبادرة في تجربة رائدة أو توسيع أو تشغيل مستمر. الهدف النصف، وتُعدّ 40% استيفاءً.",
                    ),
                    next_action=(
                        "חברו צורך פתוח ליוזמה שיוצאת לפיילוט",
                        "Connect an open need to an initiative going to pilot",
                        "اربطوا احتياجًا مفتوحًا بمبادرة تتجه إلى تجربة رائدة",
                    ),
                ),
                auto(
                    "pilots-learning",
                    (
                        "לפיילוטים יש תוכנית למידה",
                        "Pilots have a learning plan",
                        "للتجارب الرائدة خطة تعلّم",
                    ),
                    metric="initiatives.pilots_learning_plan",
                    pass_level=0.8,
                    weight=2,
                    source=source(EX_ELDERLY, "כיצד ניתן למדוד הצלחה לשירות שלא פעל מעולם"),
                    guidance=(
                        "חלק הפיילוטים שנכתב להם מה הם אמורים ללמד ואילו אבני דרך יראו זאת. לשירות שלא פעל מעולם אין עבר לקבוע ממנו יעדים, ולכן הצלחתו נמדדת במה שנלמד. לא חל כשאין פיילוטים.",
                        "Share of pilots with what they should teach and the milestones that would show it. A service that never ran has no past to set targets from, so its success is measured by what was learned. Does not apply without pilots.",
                        "نسبة التجارب الرائدة التي كُتب لها ما ينبغي أن تعلّمه والمحطات التي تُظهر ذلك. الخدمة التي لم تعمل قط ليس لها ماضٍ تُحدَّد منه الأهداف، لذا يُقاس نجاحها بما تم تعلّمه. لا ينطبق حين لا توجد تجارب رائدة.",
                    ),
                    next_action=(
                        "כתבו לכל פיילוט מה הוא אמור ללמד ואת אבני הדרך",
                        "Write for each pilot what it should teach and its milestones",
                        "اكتبوا لكل تجربة رائدة ما ينبغي أن تعلّمه ومحطاتها",
                    ),
                ),
                auto(
                    "pilots-kpis",
                    (
                        "הפיילוטים עומדים במדדים שנקבעו להם",
                        "Pilots meet the KPIs set for them",
                        "التجارب الرائدة تحقق مؤشرات الأداء المحددة لها",
                    ),
                    metric="initiatives.pilots_meeting_kpis",
                    pass_level=0.7,
                    source=source(S_B1, "הצורך להגדיר מדדי הצלחה שמהווים חלק מתהליכי רכש"),
                    guidance=(
                        "מדדי פיילוט שנמדדו והגיעו ליעד, מכלל מדדי הפיילוט שנמדדו במיזם. לא חל כשלא נמדד אף מדד: לשירות חדש אולי אין עדיין עבר לקבוע ממנו מדדים.",
                        "Measured pilot KPIs that reached their target, out of all measured pilot KPIs in the engagement. Does not apply when none was measured: a new service may have no past to set KPIs from.",
                        "مؤشرات أداء التجارب الرائدة التي قيست وبلغت هدفها، من مجمل المؤشرات التي قيست في المشروع. لا ينطبق إذا لم يُقَس أي مؤشر: فقد لا يكون لخدمة جديدة ماضٍ تُحدَّد منه المؤشرات.",
                    ),
                    next_action=(
                        "מדדו את המדדים שנקבעו לפיילוטים ורשמו את התוצאות",
                        "Measure the KPIs set for the pilots and record the results",
                        "قيسوا المؤشرات المحددة للتجارب الرائدة وسجّلوا النتائج",
                    ),
                ),
                auto(
                    "metrics-on-target",
                    (
                        "מדדי ההצלחה של היעדים הגיעו ליעד",
                        "The goals' success metrics reached their target",
                        "مؤشرات نجاح الأهداف بلغت قيمتها المستهدفة",
                    ),
                    metric="stages.metrics_on_target",
                    pass_level=0.7,
                    source=source(S_A, "ויגדרו יעדים ומדדי הצלחה"),
                    guidance=(
                        "מדדי ההצלחה של היעדים משלב א׳ שהמדידה האחרונה שלהם הגיעה ליעד.",
                        "Success metrics of the stage A goals whose latest measurement reached the target.",
                        "مؤشرات نجاح أهداف المرحلة أ التي بلغ آخر قياس لها القيمة المستهدفة.",
                    ),
                    next_action=(
                        "עדכנו את מדידות היעדים ובחנו את הפערים מהיעד",
                        "Update the goals' measurements and look into the gaps from target",
                        "حدّثوا قياسات الأهداف وافحصوا الفجوات عن القيمة المستهدفة",
                    ),
                ),
            ],
        ),
        dimension(
            "reciprocity",
            (
                "הדדיות בין שני החלקים",
                "The two parts feeding each other",
                "التغذية المتبادلة بين الجزأين",
            ),
            weight=1,
            criteria=[
                auto(
                    "mechanisms-serve-initiatives",
                    (
                        "המנגנונים משרתים יוזמות",
                        "Mechanisms serve initiatives",
                        "الآليات تخدم المبادرات",
                    ),
                    metric="stages.mechanisms_serving_initiatives",
                    target=0.6,
                    pass_level=0.75,
                    source=source(
                        S_C, "תפקיד ה API אנושי להוביל הפיתוח של שני החלקים ולייצר הדדיות תמידית ביניהם"
                    ),
                    guidance=(
                        "חלק המנגנונים (בבנייה ומעלה) שמקושרים ליוזמה אחת לפחות: המנגנונים והיוזמות מזינים זה את זה.",
                        "Share of mechanisms (being built or beyond) linked to at least one initiative: mechanisms and initiatives feed each other.",
                        "نسبة الآليات (قيد البناء فما فوق) المرتبطة بمبادرة واحدة على الأقل: الآليات والمبادرات تغذي بعضها بعضًا.",
                    ),
                    next_action=(
                        "קשרו כל מנגנון ליוזמות שהוא משרת",
                        "Link each mechanism to the initiatives it serves",
                        "اربطوا كل آلية بالمبادرات التي تخدمها",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage D exit — the exit review (the last gate)
# ------------------------------------------------------------------------------------------------
BRIDGING_SCORE = "scoring.bridging_score"  # the engagement's current score on the bridging rubric (0–100)


def _bridging(source_, weight=1, critical=False):
    return auto(
        "bridging",
        (
            "החיבור בין העולמות עומד ביעד בחמשת הפרמטרים",
            "The connection between the worlds meets its target on the five parameters",
            "الصلة بين العالمين تبلغ هدفها وفق العوامل الخمسة",
        ),
        metric=BRIDGING_SCORE,
        floor=0,
        target=75,
        pass_level=1,
        weight=weight,
        critical=critical,
        source=source_,
        guidance=(
            "הציון הנוכחי של המיזם במחוון 'החיבור בין העולמות' (0–100); 75 ומעלה נחשב עמידה. אין ראיה כשהמחוון לא דורג או שאין בו די ראיות.",
            "The engagement's current score on the rubric 'The connection between the worlds' (0–100); 75 or more counts as met. No evidence when that rubric is unrated or has too little evidence.",
            "الدرجة الحالية للمشروع في معيار التقييم «الصلة بين العالمين» (0–100)؛ تُعدّ 75 فأكثر استيفاءً. لا دليل حين لا يكون معيار التقييم هذا مقيَّمًا أو تكون أدلته غير كافية.",
        ),
        next_action=(
            "דרגו את חמשת הפרמטרים של החיבור, עם ראיות משני העולמות",
            "Rate the five parameters of the connection, with evidence from both worlds",
            "قيّموا العوامل الخمسة للصلة، مع أدلة من العالمين",
        ),
    )


STAGE_D_EXIT = rubric(
    "stage-d-exit",
    (
        "הערכת מצב לפרידה: קריטריוני יציאה משלב ד׳",
        "Exit review: stage D exit criteria",
        "تقييم الوضع للمغادرة: معايير الخروج من المرحلة د",
    ),
    description=(
        "האם התשתיות חזקות דיין, המשרד יכול לשמר את השינוי לאורך זמן, כולל הקשר שלו עם עולם הדיגיטל, והזרימה "
        "בין העולמות עוברת במנגנונים קבועים בלי תיווך. ההחלטה: להמשיך, לעבור לשלב הבא או להיפרד עם תוכנית העברה.",
        "Are the infrastructures strong enough, can the ministry sustain the change over time, including its own "
        "connection with the digital world, and does the flow between the worlds run through permanent mechanisms "
        "without mediation. The decision: continue, move to a next stage, or farewell with a handover plan.",
        "هل البنى التحتية قوية بما يكفي، وهل تستطيع الوزارة الحفاظ على التغيير مع مرور الوقت، بما في ذلك صلتها "
        "الذاتية بالعالم الرقمي، وهل يمر التدفق بين العالمين عبر آليات دائمة دون وساطة؟ القرار: الاستمرار، أو "
        "الانتقال إلى مرحلة تالية، أو المغادرة مع خطة تسليم.",
    ),
    subject_type="stage",
    kind="exit",
    stage="D",
    threshold=80,
    dimensions=[
        dimension(
            "perceptual-change",
            ("ניצנים של שינוי תפיסתי", "Buds of perceptual change", "بوادر تغيير إدراكي"),
            weight=2,
            criteria=[
                auto(
                    "change-signals",
                    (
                        "תועדו ניצנים של שינוי תפיסתי",
                        "Buds of perceptual change are recorded",
                        "وُثّقت بوادر تغيير إدراكي",
                    ),
                    metric="stages.change_signals",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_D, "ובניצנים של שינוי תפיסה בדרך לטרנספורמציה דיגיטלית"),
                    guidance=(
                        "למשל פרדיגמה חדשה על מתי והיכן ניתנים שירותים חברתיים. כל ניצן מתועד עם דוגמה ומקור.",
                        "E.g. a new paradigm about when and where social services are given. Record each with an example and a source.",
                        "مثلًا نموذج فكري جديد حول متى وأين تُقدَّم الخدمات الاجتماعية. وثّقوا كل بادرة بمثال ومصدر.",
                    ),
                    next_action=(
                        "תעדו ניצן של שינוי תפיסתי עם דוגמה ומקור",
                        "Record a bud of perceptual change with an example and a source",
                        "وثّقوا بادرة تغيير إدراكي مع مثال ومصدر",
                    ),
                ),
                auto(
                    "publications",
                    (
                        "ההצלחות פורסמו במערכת האקולוגית המשותפת",
                        "Successes are published in the shared ecosystem",
                        "نُشرت النجاحات في المنظومة المشتركة",
                    ),
                    metric="stages.publications",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_D, "הוא פועל לפרסם הצלחות השינוי באקוסיסטם המשותף וביצירת תהודה לעשייה"),
                    guidance=(
                        "פרסומים, הרצאות ומסמכי ידע על הצלחות המיזם, ברשימת הפרסומים.",
                        "Publications, talks and knowledge documents about the engagement's successes, in the publications list.",
                        "منشورات ومحاضرات ووثائق معرفة عن نجاحات المشروع، في قائمة المنشورات.",
                    ),
                    next_action=(
                        "פרסמו הצלחה של המיזם לשני העולמות ורשמו את הפרסום",
                        "Publish one of the engagement's successes to both worlds and record it",
                        "انشروا أحد نجاحات المشروع في العالمين وسجّلوا المنشور",
                    ),
                ),
            ],
        ),
        dimension(
            "bridging",
            (
                "החיבור בין העולמות: חמשת הפרמטרים",
                "The connection between the worlds: the five parameters",
                "الصلة بين العالمين: العوامل الخمسة",
            ),
            weight=2,
            criteria=[_bridging(source(S_D, 'ע"פ פרמטרים שהוגדרו בתחילת מסמך זה'))],
        ),
        dimension(
            "infrastructure",
            ("חוזק התשתיות", "Strength of the infrastructures", "قوة البنى التحتية"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "unmediated-institutionalised",
                    (
                        "הזרימה בין העולמות עוברת במנגנונים קבועים בלי תיווך",
                        "The flow between the worlds runs through permanent mechanisms without mediation",
                        "التدفق بين العالمين يمر عبر آليات دائمة دون وساطة",
                    ),
                    metric="stages.unmediated_institutionalised",
                    pass_level=0.75,
                    critical=True,
                    weight=2,
                    source=source(S_D, "מנותבת ליצירת מנגנונים קבועים להעברת מידע ללא תיווך"),
                    guidance=(
                        "חלק המנגנונים הפועלים שמסומנים כפועלים בלי תיווך של הצוות. שלושה רבעים לפחות נדרשים לפרידה.",
                        "Share of established mechanisms marked as working without the team's mediation. At least three quarters are needed for farewell.",
                        "نسبة الآليات العاملة المعلَّمة بأنها تعمل دون وساطة الفريق. يلزم ثلاثة أرباع على الأقل للمغادرة.",
                    ),
                    next_action=(
                        "העבירו מנגנון פועל לבעלים במשרד וסמנו שהוא פועל בלי תיווך",
                        "Hand a working mechanism to an owner in the ministry and mark it unmediated",
                        "سلّموا آلية عاملة لجهة مالكة في الوزارة وعلّموها بأنها تعمل دون وساطة",
                    ),
                ),
                manual(
                    "infrastructure-strength",
                    (
                        "התשתיות חזקות דיין ועומדות בזכות עצמן",
                        "The infrastructures are strong enough to stand on their own",
                        "البنى التحتية قوية بما يكفي لتقوم بذاتها",
                    ),
                    anchors=steps(
                        (
                            "המנגנונים תלויים בצוות",
                            "The mechanisms depend on the team",
                            "الآليات معتمدة على الفريق",
                        ),
                        (
                            "פועלים רק בליווי צמוד של הצוות",
                            "They work only with the team's close support",
                            "تعمل فقط بمرافقة لصيقة من الفريق",
                        ),
                        (
                            "רובם פועלים לבד, חלקם עדיין שבירים",
                            "Most work alone; some are still fragile",
                            "معظمها يعمل وحده، وبعضها لا يزال هشًّا",
                        ),
                        (
                            "כולם פועלים לבד, עם בעלים, נהלים ותקציב",
                            "All work alone, with owners, procedures and a budget",
                            "جميعها تعمل وحدها، ولها جهات مالكة وإجراءات وميزانية",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    weight=2,
                    source=source(S_D, "תפקידו מסתיים כאשר ישנן תשתיות חזקות דיו"),
                    guidance=rate(
                        "מפת המנגנונים, ולכל מנגנון מרכזי: מי הבעלים, באיזה נוהל הוא מעוגן ומאיזה תקציב הוא ממומן.",
                        "the mechanism map, and for each key mechanism: who owns it, which procedure anchors it and which budget funds it.",
                        "خريطة الآليات، ولكل آلية رئيسية: من يملكها، وبأي إجراء هي مثبّتة، ومن أي ميزانية تُموَّل.",
                    ),
                    next_action=(
                        "דרגו את חוזק התשתיות לפי מפת המנגנונים ובעליהם",
                        "Rate the strength of the infrastructures from the mechanism map and its owners",
                        "قيّموا قوة البنى التحتية وفق خريطة الآليات والجهات المالكة لها",
                    ),
                ),
            ],
        ),
        dimension(
            "sustainability",
            (
                "היכולת לשמר את השינוי לאורך זמן",
                "The ability to sustain the change over time",
                "القدرة على الحفاظ على التغيير مع مرور الوقت",
            ),
            weight=3,
            criteria=[
                manual(
                    "sustain-over-time",
                    (
                        "המשרד יכול לשמר את השינוי לאורך זמן בלי הצוות",
                        "The ministry can sustain the change over time without the team",
                        "تستطيع الوزارة الحفاظ على التغيير مع مرور الوقت دون الفريق",
                    ),
                    anchors=steps(
                        (
                            "השינוי נשען על הצוות; בלעדיו הוא ייעצר",
                            "The change rests on the team; without it, it would stop",
                            "التغيير قائم على الفريق؛ ومن دونه سيتوقف",
                        ),
                        (
                            "חלק מהשינוי מוחזק בידי בעלי תפקידים בודדים במשרד",
                            "Part of the change is held by a few ministry role holders",
                            "جزء من التغيير يحمله عدد قليل من أصحاب الأدوار في الوزارة",
                        ),
                        (
                            "צוותים ובעלי תפקידים במשרד מובילים את רוב השינוי, עם פערים ידועים",
                            "Ministry teams and role holders lead most of the change, with known gaps",
                            "فرق الوزارة وأصحاب الأدوار فيها يقودون معظم التغيير، مع فجوات معروفة",
                        ),
                        (
                            "המשרד ממשיך להטמיע ולהעמיק את השינוי בעצמו ומאתר תחומים חדשים",
                            "The ministry keeps embedding and deepening the change itself and finds new areas",
                            "تواصل الوزارة ترسيخ التغيير وتعميقه بنفسها وتحدد مجالات جديدة",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    weight=2,
                    source=source(S_D, "וקיימת היכולת לשמר השינוי לאורך זמן"),
                    guidance=rate(
                        "מי במשרד מוביל כל חלק של השינוי, תוכנית ההעברה ודוגמאות לתחומים חדשים שהמשרד פתח בעצמו.",
                        "who in the ministry leads each part of the change, the handover plan, and examples of new areas the ministry opened itself.",
                        "من يقود كل جزء من التغيير في الوزارة، وخطة التسليم، وأمثلة على مجالات جديدة فتحتها الوزارة بنفسها.",
                    ),
                    next_action=(
                        "דרגו את היכולת לשמר את השינוי, עם תוכנית ההעברה וראיות מהמשרד",
                        "Rate the ability to sustain the change, with the handover plan and evidence from the ministry",
                        "قيّموا القدرة على الحفاظ على التغيير، مع خطة التسليم وأدلة من الوزارة",
                    ),
                ),
                manual(
                    "capability-strength",
                    (
                        "היכולות והידע נמצאים אצל אנשי המשרד",
                        "Capabilities and know-how sit with ministry staff",
                        "القدرات والمعرفة موجودة لدى موظفي الوزارة",
                    ),
                    anchors=steps(
                        (
                            "הידע והמיומנויות נמצאים אצל הצוות בלבד",
                            "Know-how and skills sit with the team only",
                            "المعرفة والمهارات لدى الفريق وحده",
                        ),
                        (
                            "בעלי תפקידים בודדים במשרד שולטים בשיטות",
                            "A few ministry role holders master the methods",
                            "عدد قليل من أصحاب الأدوار في الوزارة يتقنون الأساليب",
                        ),
                        (
                            "צוותים במשרד מפעילים את השיטות בעצמם",
                            "Ministry teams apply the methods on their own",
                            "فرق الوزارة تطبّق الأساليب بنفسها",
                        ),
                        (
                            "המשרד מכשיר בעצמו עובדים חדשים בשיטות",
                            "The ministry trains new staff in the methods itself",
                            "الوزارة تدرّب بنفسها الموظفين الجدد على الأساليب",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    source=source(S_D, "המשך הטמעת השינוי עברה לצוותים ובעלי תפקידים במשרד הרווחה"),
                    guidance=rate(
                        "הכשרות שהמשרד מקיים בעצמו, פורומים קבועים (כמו נאמני ידע או BUILT) וחונכות של בעלי תפקידים.",
                        "training the ministry runs itself, permanent forums (such as knowledge trustees or BUILT) and mentoring of role holders.",
                        "تدريبات تنظمها الوزارة بنفسها، ومنتديات دائمة (مثل أمناء المعرفة أو BUILT) وإرشاد أصحاب الأدوار.",
                    ),
                    next_action=(
                        "דרגו היכן נמצא הידע, עם ההכשרות והפורומים שהמשרד מקיים",
                        "Rate where the know-how sits, with the training and forums the ministry runs",
                        "قيّموا أين توجد المعرفة، مع التدريبات والمنتديات التي تنظمها الوزارة",
                    ),
                ),
            ],
        ),
        dimension(
            "digital-connection",
            (
                "הקשר של המשרד עם עולם הדיגיטל",
                "The ministry's own connection with the digital world",
                "صلة الوزارة الذاتية بالعالم الرقمي",
            ),
            weight=2,
            criteria=[
                auto(
                    "ministry-owned-relationships",
                    (
                        "אנשי המשרד מחזיקים את הקשרים עם הארגונים השותפים מעולם הדיגיטל",
                        "Ministry staff hold the relationships with digital-world partner organisations",
                        "موظفو الوزارة يتولّون العلاقات مع المنظمات الشريكة من العالم الرقمي",
                    ),
                    metric="core.ministry_owned_relationships",
                    target=0.8,
                    pass_level=0.75,
                    source=source(S_D, "אלו מבנים דרכי עבודה חדשנות המשמרות את תפיסת החיבור בין העולמות"),
                    guidance=(
                        "חלק הארגונים השותפים מעולם הדיגיטל שאחראי הקשר שלהם בכרטיס הארגון הוא איש המשרד. היעד: 80%.",
                        "Share of digital-world partner organisations whose relationship owner on the organisation record is a ministry person. Target: 80%.",
                        "نسبة المنظمات الشريكة من العالم الرقمي التي يكون المسؤول عن العلاقة معها في بطاقة المنظمة شخصًا من الوزارة. الهدف: 80%.",
                    ),
                    next_action=(
                        "העבירו את אחריות הקשר עם ארגון שותף לאיש המשרד",
                        "Hand the relationship with a partner organisation to a ministry person",
                        "انقلوا مسؤولية العلاقة مع منظمة شريكة إلى شخص من الوزارة",
                    ),
                ),
                # The mediation map: the connections of the two worlds that no longer pass through the team.
                auto(
                    "direct-connections",
                    (
                        "הקשרים בין העולמות מתקיימים ישירות, בלי תיווך הצוות",
                        "The connections between the worlds run directly, without the team's mediation",
                        "الصلات بين العالمين تجري مباشرة، دون وساطة الفريق",
                    ),
                    metric="connections.direct_share",
                    target=0.8,
                    pass_level=0.75,
                    weight=2,
                    source=source(S_D, "בעבודה משותפת של עולם הדיגיטל ומשרד הרווחה"),
                    guidance=(
                        "חלק הקשרים הפעילים במפת התיווך שהצדדים מקיימים ישירות, בלי הצוות. היעד: 80%; "
                        "הקשרים שעדיין עוברים דרך הצוות הופכים בהערכת המצב לפריטי מסירה.",
                        "Share of the live connections on the mediation map that the two parties keep "
                        "directly, without the team. Target: 80%; at the exit review the connections still "
                        "through the team become handover items.",
                        "نسبة الصلات الفعّالة في خريطة الوساطة التي يحافظ عليها الطرفان مباشرة دون الفريق. "
                        "الهدف: 80%؛ وفي تقييم الوضع تصبح الصلات التي لا تزال تمر عبر الفريق بنودَ تسليم.",
                    ),
                    next_action=(
                        "קבעו עם הצדדים של קשר שעדיין עובר דרך הצוות מתי ייפגשו בלעדיו, ורשמו ממתי הוא ישיר",
                        "Agree with the parties of a connection still through the team when they meet "
                        "without it, and record from when it is direct",
                        "اتفقوا مع طرفي صلة لا تزال تمر عبر الفريق على موعد لقائهما دونه، وسجّلوا منذ متى "
                        "أصبحت مباشرة",
                    ),
                ),
                auto(
                    "ministry-owned-connections",
                    (
                        "לכל קשר בין העולמות יש בעלים במשרד",
                        "Every connection between the worlds has an owner in the ministry",
                        "لكل صلة بين العالمين جهة مالكة في الوزارة",
                    ),
                    metric="connections.ministry_owned_share",
                    target=0.8,
                    pass_level=0.75,
                    source=source(S_D, "המשך הטמעת השינוי עברה לצוותים ובעלי תפקידים במשרד הרווחה"),
                    guidance=(
                        "חלק הקשרים הפעילים במפת התיווך שיש להם בעלים במשרד – בעל תפקיד שממשיך להחזיק את הקשר. "
                        "היעד: 80%.",
                        "Share of the live connections on the mediation map that have a ministry owner — a "
                        "role holder who keeps the relationship going. Target: 80%.",
                        "نسبة الصلات الفعّالة في خريطة الوساطة التي لها جهة مالكة في الوزارة — صاحب دور "
                        "يواصل رعاية العلاقة. الهدف: 80%.",
                    ),
                    next_action=(
                        "מנו בעלים במשרד לקשר שאין לו, או העבירו אותו בהערכת המצב",
                        "Name a ministry owner for a connection that has none, or hand it over at the exit "
                        "review",
                        "عيّنوا جهة مالكة في الوزارة لصلة ليست لها جهة كهذه، أو سلّموها في تقييم الوضع",
                    ),
                ),
                manual(
                    "ministry-digital-connection",
                    (
                        "המשרד מקיים בעצמו קשר שוטף עם עולם הדיגיטל",
                        "The ministry keeps up its own connection with the digital world",
                        "الوزارة تحافظ بنفسها على صلة مستمرة بالعالم الرقمي",
                    ),
                    anchors=steps(
                        (
                            "הקשר עובר רק דרך הצוות",
                            "The connection runs only through the team",
                            "الصلة تمر عبر الفريق فقط",
                        ),
                        (
                            "אנשי המשרד משתתפים בפגישות שהצוות יוזם",
                            "Ministry staff join meetings the team sets up",
                            "موظفو الوزارة يشاركون في اجتماعات يبادر إليها الفريق",
                        ),
                        (
                            "אנשי המשרד יוזמים קשרים ומפרסמים קולות קוראים, בליווי",
                            "Ministry staff start contacts and publish calls for proposals, with support",
                            "موظفو الوزارة يبادرون إلى التواصل وينشرون دعوات لتقديم مقترحات، بمرافقة",
                        ),
                        (
                            "המשרד מנהל בעצמו גישוש, קולות קוראים וקשר עם ארגונים שותפים",
                            "The ministry runs scouting, calls for proposals and partner relations itself",
                            "الوزارة تدير بنفسها الاستكشاف والدعوات لتقديم مقترحات والعلاقة مع المنظمات الشريكة",
                        ),
                    ),
                    critical=True,
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    source=source(S_D, "לרבות הקשר עם העולם הדיגיטלי"),
                    guidance=rate(
                        "קולות קוראים שהמשרד פרסם, פעילויות גישוש שאנשיו הובילו וקשרים חדשים שנוצרו בלי הצוות.",
                        "calls for proposals the ministry published, scouting its people led, and new relationships formed without the team.",
                        "دعوات لتقديم مقترحات نشرتها الوزارة، وأنشطة استكشاف قادها موظفوها، وعلاقات جديدة نشأت دون الفريق.",
                    ),
                    next_action=(
                        "דרגו את הקשר של המשרד עם עולם הדיגיטל, עם קשרים שנוצרו בלי הצוות",
                        "Rate the ministry's own connection with the digital world, with contacts made without the team",
                        "قيّموا صلة الوزارة بالعالم الرقمي، مع علاقات نشأت دون الفريق",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Readiness to enter a stage
# ------------------------------------------------------------------------------------------------
STAGE_B1_READINESS = rubric(
    "stage-b1-readiness",
    ("מוכנות לכניסה לשלב ב׳1", "Readiness to enter stage B1", "الجاهزية لدخول المرحلة ب1"),
    description=(
        "האם הוקמו במשרד המבנים שנדרשים בין שלב א׳ לשלב ב׳: צוות מוביל, צוותי עבודה, בעלי תפקידים ובחינה של שילוב מערכות.",
        "Are the structures needed between stages A and B in place in the ministry: a leading team, work teams, role holders and a look at integrating systems.",
        "هل أُقيمت في الوزارة البنى المطلوبة بين المرحلتين أ وب: فريق قيادي، وفرق عمل، وأصحاب أدوار، وفحص لدمج الأنظمة؟",
    ),
    subject_type="stage",
    kind="readiness",
    stage="B1",
    threshold=75,
    dimensions=[
        dimension(
            "leadership",
            ("הובלה במשרד", "Leadership in the ministry", "القيادة في الوزارة"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "leading-team",
                    (
                        "צוות מוביל פועל במשרד",
                        "A leading team works in the ministry",
                        "فريق قيادي يعمل في الوزارة",
                    ),
                    metric="core.leading_team",
                    critical=True,
                    weight=2,
                    source=source(S_A, "הקמה של צוות מוביל במשרד הרווחה"),
                    guidance=(
                        "צוות מסוג צוות מוביל בעמוד המיזם, עם חברים ובלי תאריך פירוק.",
                        "A team of kind leading team on the engagement page, with members and no dissolution date.",
                        "فريق من نوع فريق قيادي في صفحة المشروع، له أعضاء وبلا تاريخ حلّ.",
                    ),
                    next_action=(
                        "הקימו צוות מוביל במשרד ורשמו את חבריו",
                        "Set up a leading team in the ministry and record its members",
                        "شكّلوا فريقًا قياديًا في الوزارة وسجّلوا أعضاءه",
                    ),
                ),
                auto(
                    "steering-committee",
                    ("ועדת היגוי פועלת", "A steering committee works", "لجنة توجيهية تعمل"),
                    metric="core.steering_committee",
                    source=source(S_A, "בנוסף נבנה צוות היגוי"),
                    guidance=(
                        "ועדת ההיגוי משלב א׳ ממשיכה לפעול.",
                        "The steering committee from stage A is still working.",
                        "اللجنة التوجيهية من المرحلة أ لا تزال تعمل.",
                    ),
                    next_action=(
                        "חדשו את ועדת ההיגוי ורשמו את חבריה",
                        "Renew the steering committee and record its members",
                        "جدّدوا اللجنة التوجيهية وسجّلوا أعضاءها",
                    ),
                ),
                auto(
                    "role-holders",
                    ("מונו בעלי תפקידים", "Role holders are appointed", "عُيّن أصحاب أدوار"),
                    metric="stages.role_holders",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_A, "מונו בעלי תפקידים והחלה בחינה של שילוב מערכות טכנולוגיות"),
                    guidance=(
                        "בעלי תפקידים עם תאריך מינוי שעדיין מכהנים, למשל מוביל דיגיטלי ורפרנטים באגפים.",
                        "Role holders with an appointment date who are still in office, e.g. a digital lead and division referents.",
                        "أصحاب أدوار لهم تاريخ تعيين ولا يزالون في مناصبهم، مثل قائد رقمي ومرجعيات في الأقسام.",
                    ),
                    next_action=(
                        "רשמו את בעלי התפקידים שמונו ואת תאריכי המינוי",
                        "Record the appointed role holders and their appointment dates",
                        "سجّلوا أصحاب الأدوار المعيَّنين وتواريخ تعيينهم",
                    ),
                ),
            ],
        ),
        dimension(
            "work-teams",
            ("צוותי עבודה לפי תחומי תוכן", "Work teams by content area", "فرق عمل حسب مجالات المحتوى"),
            weight=2,
            criteria=[
                auto(
                    "work-team-areas",
                    (
                        "לכל תחום תוכן צוות עבודה",
                        "Each content area has a work team",
                        "لكل مجال محتوى فريق عمل",
                    ),
                    metric="core.work_team_areas",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_A, "וצוותי עבודה על פי תחומי תוכן שהוגדרו מראש בשלב הראשון"),
                    guidance=(
                        "צוותי עבודה פעילים עם תחום תוכן מוגדר; נספרים תחומים שונים, לא צוותים.",
                        "Live work teams with a content area set; distinct areas are counted, not teams.",
                        "فرق عمل نشطة لها مجال محتوى محدد؛ تُحتسب المجالات المختلفة لا الفرق.",
                    ),
                    next_action=(
                        "הקימו צוות עבודה לתחום תוכן שאין לו צוות",
                        "Set up a work team for a content area that has none",
                        "شكّلوا فريق عمل لمجال محتوى ليس له فريق",
                    ),
                ),
            ],
        ),
        dimension(
            "technology",
            ("שילוב מערכות טכנולוגיות", "Integrating technology systems", "دمج الأنظمة التكنولوجية"),
            weight=1,
            criteria=[
                manual(
                    "technology-integration",
                    (
                        "נבחן שילוב של מערכות טכנולוגיות",
                        "Integrating technology systems has been examined",
                        "جرى فحص دمج الأنظمة التكنولوجية",
                    ),
                    anchors=steps(
                        ("לא נבחן", "Not examined", "لم يُفحص"),
                        ("מופו המערכות הקיימות", "Existing systems are mapped", "رُسمت خريطة الأنظمة القائمة"),
                        (
                            "נבחנו אפשרויות חיבור עם אגף מערכות המידע",
                            "Integration options were examined with the IT division",
                            "فُحصت خيارات الربط مع قسم نظم المعلومات",
                        ),
                        (
                            "יש החלטה ותוכנית ראשונית לשילוב",
                            "There is a decision and a first integration plan",
                            "يوجد قرار وخطة أولية للدمج",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    source=source(S_A, "והחלה בחינה של שילוב מערכות טכנולוגיות"),
                    guidance=rate(
                        "מיפוי מערכות, סיכום פגישה עם אגף מערכות המידע או תוכנית שילוב.",
                        "a systems map, notes of a meeting with the IT division, or an integration plan.",
                        "خريطة أنظمة، أو ملخص اجتماع مع قسم نظم المعلومات، أو خطة دمج.",
                    ),
                    next_action=(
                        "דרגו את בחינת השילוב, עם מיפוי המערכות או סיכום עם אגף מערכות המידע",
                        "Rate the integration review, with the systems map or notes from the IT division",
                        "قيّموا فحص الدمج، مع خريطة الأنظمة أو ملخص من قسم نظم المعلومات",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_B2_READINESS = rubric(
    "stage-b2-readiness",
    ("מוכנות לכניסה לשלב ב׳2", "Readiness to enter stage B2", "الجاهزية لدخول المرحلة ب2"),
    description=(
        "האם יש צרכים להזרים, עקרונות עבודה ותוכנית גישוש, כדי לצאת לעולם הדיגיטל. שלב ב׳2 יוצא לדרך יחד עם ב׳1.",
        "Are there needs to share, working principles and a scouting plan, so as to go out to the digital world. Stage B2 starts together with B1.",
        "هل توجد احتياجات لنقلها، ومبادئ عمل، وخطة استكشاف، للخروج إلى العالم الرقمي؟ تنطلق المرحلة ب2 مع ب1.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="B2",
    threshold=70,
    dimensions=[
        dimension(
            "needs",
            ("צרכים להזרמה", "Needs to share", "احتياجات لنقلها"),
            weight=3,
            criteria=[
                auto(
                    "needs-identified",
                    ("זוהו צרכים", "Needs are identified", "حُدّدت احتياجات"),
                    metric="initiatives.needs_identified",
                    target=5,
                    pass_level=0.6,
                    critical=True,
                    source=source(S_HUMAN_API, "הצרכים יכולים לעלות מאזרחים הפונים למשרד"),
                    guidance=(
                        "צרכים מלמטה (אזרחים, עובדים בשטח) או מלמעלה (פיקוח, הנהלה, דרג פוליטי), עם קטגוריה. שלושה לפחות נחשבים עמידה.",
                        "Needs from the bottom up (citizens, field workers) or top down (supervision, management, political level), with a category. Three or more count as met.",
                        "احتياجات من القاعدة (مواطنون، عاملون ميدانيون) أو من القمة (رقابة، إدارة، مستوى سياسي)، مع فئة. ثلاثة فأكثر تُعدّ استيفاءً.",
                    ),
                    next_action=(
                        "תעדו צורך שעלה מהשטח או מההנהלה, עם קטגוריה",
                        "Record a need raised in the field or by management, with a category",
                        "وثّقوا احتياجًا طُرح من الميدان أو من الإدارة، مع فئته",
                    ),
                ),
            ],
        ),
        dimension(
            "ground-rules",
            ("עקרונות עבודה", "Working principles", "مبادئ العمل"),
            weight=1,
            criteria=[
                auto(
                    "working-principles",
                    (
                        "סוכמו עקרונות עבודה ראשונים",
                        "First working principles are agreed",
                        "تم الاتفاق على مبادئ عمل أولى",
                    ),
                    metric="stages.working_principles",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_B2, "חלק זה יוצא לדרך בד ובד עם שלב ב'1"),
                    guidance=(
                        "עקרונות וגבולות ברשימת עקרונות העבודה, שגובשו עם הצוות המוביל.",
                        "Principles and boundaries in the working-principles list, shaped with the leading team.",
                        "مبادئ وحدود في قائمة مبادئ العمل، صيغت مع الفريق القيادي.",
                    ),
                    next_action=(
                        "רשמו את עקרונות העבודה הראשונים שסוכמו",
                        "Record the first working principles agreed",
                        "سجّلوا مبادئ العمل الأولى المتفق عليها",
                    ),
                ),
            ],
        ),
        dimension(
            "scouting-plan",
            ("תוכנית גישוש", "Scouting plan", "خطة الاستكشاف"),
            weight=2,
            criteria=[
                manual(
                    "scouting-plan",
                    (
                        "יש תוכנית גישוש בעולם הדיגיטל",
                        "There is a plan for scouting the digital world",
                        "توجد خطة لاستكشاف العالم الرقمي",
                    ),
                    anchors=steps(
                        ("אין תוכנית", "No plan", "لا توجد خطة"),
                        (
                            "רשימה ראשונית של ארגונים וערוצים",
                            "A first list of organisations and channels",
                            "قائمة أولية بالمنظمات والقنوات",
                        ),
                        (
                            "תוכנית עם ערוצים, ארגונים ואחראים",
                            "A plan with channels, organisations and owners",
                            "خطة فيها قنوات ومنظمات ومسؤولون",
                        ),
                        (
                            "תוכנית מלאה: ערוצים, ארגונים, אחראים ומה יוזרם לכל כיוון",
                            "A full plan: channels, organisations, owners and what flows each way",
                            "خطة كاملة: قنوات ومنظمات ومسؤولون وما سيتدفق في كل اتجاه",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    source=source(S_B2, "הגדרה של מה הוא הידע והמידע החשוב שמשרד הרווחה יקבל"),
                    guidance=rate(
                        "מסמך התוכנית, או פעילויות גישוש וזרימות ידע במצב 'מתוכנן'.",
                        "the plan document, or scouting activities and knowledge flows marked 'planned'.",
                        "وثيقة الخطة، أو أنشطة استكشاف وتدفقات معرفة في حالة «مخطط».",
                    ),
                    next_action=(
                        "דרגו את תוכנית הגישוש, עם הערוצים ומה יוזרם לכל כיוון",
                        "Rate the scouting plan, with its channels and what flows each way",
                        "قيّموا خطة الاستكشاف، مع قنواتها وما سيتدفق في كل اتجاه",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_C_READINESS = rubric(
    "stage-c-readiness",
    ("מוכנות לכניסה לשלב ג׳", "Readiness to enter stage C", "الجاهزية لدخول المرحلة ج"),
    description=(
        "האם יש יוזמות עם צוותים משותפים, מתחים מובנים וצרכים שכבר פורסמו, כדי להתחיל לבנות תהליכים בשני העולמות. שלב ג׳ מתחיל סמוך לב׳1 ולב׳2.",
        "Are there initiatives with joint teams, understood tensions and needs already published, so that building processes in both worlds can start. Stage C starts close to B1 and B2.",
        "هل توجد مبادرات بفرق مشتركة، وتوترات مفهومة، واحتياجات نُشرت بالفعل، لبدء بناء العمليات في العالمين؟ تبدأ المرحلة ج قريبًا من ب1 وب2.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="C",
    threshold=70,
    dimensions=[
        dimension(
            "initiatives",
            ("יוזמות וצוותים משותפים", "Initiatives and joint teams", "المبادرات والفرق المشتركة"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "candidate-initiatives",
                    (
                        "יש יוזמות לעבודה משותפת",
                        "There are initiatives for joint work",
                        "توجد مبادرات للعمل المشترك",
                    ),
                    metric="initiatives.candidates",
                    target=3,
                    pass_level=MET_2_OF_3,
                    critical=True,
                    source=source(S_B2, 'איתור מספר יוזמות או "פרויקטים" להתחלת עבודה משותפת'),
                    guidance=(
                        "יוזמות במצב 'בבחינה' ומעלה.",
                        "Initiatives at 'exploring' or beyond.",
                        "مبادرات في حالة «قيد الاستكشاف» فما فوق.",
                    ),
                    next_action=(
                        "קדמו יוזמה למצב 'בבחינה' עם שותף מעולם הדיגיטל",
                        "Move an initiative to 'exploring' with a digital-world partner",
                        "انقلوا مبادرة إلى حالة «قيد الاستكشاف» مع شريك من العالم الرقمي",
                    ),
                ),
                auto(
                    "joint-teams",
                    (
                        "ליוזמות יש צוותים משותפים לשני העולמות",
                        "Initiatives have joint teams from both worlds",
                        "للمبادرات فرق مشتركة من العالمين",
                    ),
                    metric="initiatives.joint_teams",
                    target=2,
                    pass_level=0.5,
                    source=source(
                        EX_BASKET,
                        "צוותים משותפים החלו לעבוד בעצימות גבוהה באמצעות פגישות שוטפות מידי שבועיים",
                    ),
                    guidance=(
                        "צוות משותף מוגדר בכרטיס היוזמה, עם חברים מעולם הרווחה ומעולם הדיגיטל.",
                        "A joint team set on the initiative, with members from the welfare world and the digital world.",
                        "فريق مشترك محدد في بطاقة المبادرة، بأعضاء من عالم الرفاه ومن العالم الرقمي.",
                    ),
                    next_action=(
                        "הקימו צוות משותף לשני העולמות ליוזמה ושייכו אותו",
                        "Set up a joint team of both worlds for an initiative and link it",
                        "شكّلوا فريقًا مشتركًا من العالمين لمبادرة واربطوه بها",
                    ),
                ),
            ],
        ),
        dimension(
            "tensions",
            ("הבנת המתחים", "Understanding tensions", "فهم التوترات"),
            weight=1,
            criteria=[
                auto(
                    "tensions-classified",
                    (
                        "ידוע מקורו של כל מתח",
                        "The origin of each tension is known",
                        "مصدر كل توتر معروف",
                    ),
                    metric="tensions.classified_share",
                    pass_level=0.8,
                    source=source(
                        S_B1, "זיהוי מה הוא מתח מובנה לדיגיטציה ורווחה ומה הוא מתח כתוצאה מתהליך שינוי"
                    ),
                    guidance=(
                        "בכרטיס המתח: מובנה בחיבור בין דיגיטל לרווחה, או נובע מתהליך השינוי.",
                        "On the tension: inherent to digital-and-welfare, or caused by the change process.",
                        "في بطاقة التوتر: متأصل في الربط بين الرقمي والرفاه، أو ناتج عن عملية التغيير.",
                    ),
                    next_action=(
                        "סווגו כל מתח: מובנה, או תוצאה של תהליך השינוי",
                        "Classify each tension: inherent, or caused by the change process",
                        "صنّفوا كل توتر: متأصل، أو ناتج عن عملية التغيير",
                    ),
                ),
            ],
        ),
        dimension(
            "flow",
            ("צרכים שפורסמו", "Needs published", "احتياجات نُشرت"),
            weight=2,
            criteria=[
                auto(
                    "broadcasts-published",
                    (
                        "צרכים פורסמו לעולם הדיגיטל בקול קורא",
                        "Needs were published to the digital world in a call for proposals",
                        "نُشرت احتياجات إلى العالم الرقمي في دعوة لتقديم مقترحات",
                    ),
                    metric="opportunities.broadcasts_published",
                    target=2,
                    pass_level=0.5,
                    source=source(S_B2, "התחלה של הזרמת מידע וצרכים בין העולמות"),
                    guidance=(
                        "קולות קוראים שפורסמו לשותפים; טיוטות אינן נספרות.",
                        "Calls for proposals published to partners; drafts do not count.",
                        "دعوات لتقديم مقترحات نُشرت للشركاء؛ المسودات لا تُحتسب.",
                    ),
                    next_action=(
                        "פרסמו קול קורא לצורך שכבר מוגדר",
                        "Publish a call for proposals for a need already defined",
                        "انشروا دعوة لتقديم مقترحات لاحتياج محدد مسبقًا",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_D_READINESS = rubric(
    "stage-d-readiness",
    ("מוכנות לכניסה לשלב ד׳", "Readiness to enter stage D", "الجاهزية لدخول المرحلة د"),
    description=(
        "האם הופיעו ניצנים של שינוי תפיסתי – הסמן לבחינת המשך מעורבות הצוות – והאם החיבור בין העולמות ניכר "
        "בחמשת הפרמטרים, על בסיס המנגנונים והיוזמות שנבנו, כדי להתחיל להיערך לשלב הבא או לפרידה.",
        "Have buds of perceptual change appeared — the marker for reviewing the team's further involvement — and "
        "does the connection between the worlds show on the five parameters, on top of the mechanisms and "
        "initiatives built, so as to start preparing the next stage or farewell.",
        "هل ظهرت بوادر تغيير إدراكي – وهي المؤشر لمراجعة استمرار مشاركة الفريق – وهل تظهر الصلة بين العالمين "
        "في العوامل الخمسة، على أساس الآليات والمبادرات التي بُنيت، للبدء في الاستعداد للمرحلة التالية أو للمغادرة؟",
    ),
    subject_type="stage",
    kind="readiness",
    stage="D",
    threshold=75,
    dimensions=[
        dimension(
            "perceptual-change",
            ("ניצנים של שינוי תפיסתי", "Buds of perceptual change", "بوادر تغيير إدراكي"),
            weight=3,
            criteria=[
                auto(
                    "change-signals",
                    (
                        "הופיעו ניצנים של שינוי תפיסתי",
                        "Buds of perceptual change have appeared",
                        "ظهرت بوادر تغيير إدراكي",
                    ),
                    metric="stages.change_signals",
                    target=2,
                    pass_level=0.5,
                    critical=True,
                    weight=2,
                    source=source(S_SUMMARY, "הם הסמן לבחינת המשך מעורבותו של API אנושי"),
                    guidance=(
                        "ניצנים שתועדו עם דוגמה ומקור, למשל פרדיגמה חדשה על מועד ומקום מתן שירותים חברתיים. ניצן אחד נחשב עמידה.",
                        "Buds recorded with an example and a source, e.g. a new paradigm about when and where social services are given. One bud counts as met.",
                        "بوادر موثّقة بمثال ومصدر، مثل نموذج فكري جديد حول موعد ومكان تقديم الخدمات الاجتماعية. بادرة واحدة تُعدّ استيفاءً.",
                    ),
                    next_action=(
                        "תעדו ניצן של שינוי תפיסתי עם דוגמה ומקור",
                        "Record a bud of perceptual change with an example and a source",
                        "وثّقوا بادرة تغيير إدراكي مع مثال ومصدر",
                    ),
                ),
            ],
        ),
        dimension(
            "bridging",
            (
                "החיבור בין העולמות: חמשת הפרמטרים",
                "The connection between the worlds: the five parameters",
                "الصلة بين العالمين: العوامل الخمسة",
            ),
            weight=3,
            criteria=[_bridging(source(S_D, "בעבודה משותפת של עולם הדיגיטל ומשרד הרווחה"), weight=2)],
        ),
        dimension(
            "foundations",
            ("מנגנונים שנבנו", "Mechanisms built", "الآليات التي بُنيت"),
            weight=2,
            criteria=[
                auto(
                    "mechanisms-established",
                    (
                        "מנגנונים פועלים או ממוסדים",
                        "Mechanisms are established or institutionalised",
                        "آليات عاملة أو مؤسسية",
                    ),
                    metric="stages.mechanisms_established",
                    target=8,
                    pass_level=0.75,
                    source=source(
                        S_C, "חלק זה הינו הבסיס לטרנספורמציה הדיגיטלית במשרד הרווחה, ומהווה הבטחה לקיימותה"
                    ),
                    guidance=(
                        "מנגנונים, תשתיות ויכולות במצב 'פועל' או 'ממוסד' במפת המנגנונים. שישה לפחות נחשבים עמידה.",
                        "Mechanisms, infrastructures and capabilities marked established or institutionalised in the mechanism map. Six or more count as met.",
                        "آليات وبنى تحتية وقدرات في حالة «تعمل» أو «مؤسسية» في خريطة الآليات. ست فأكثر تُعدّ استيفاءً.",
                    ),
                    next_action=(
                        "קדמו מנגנון בבנייה למצב 'פועל'",
                        "Bring a mechanism being built to 'established'",
                        "انقلوا آلية قيد البناء إلى حالة «تعمل»",
                    ),
                ),
            ],
        ),
        dimension(
            "pilots",
            (
                "יוזמות בפיילוט ומעלה",
                "Initiatives in pilot and beyond",
                "مبادرات في التجربة الرائدة وما بعدها",
            ),
            weight=1,
            criteria=[
                auto(
                    "pilots-completed",
                    ("הושלמו פיילוטים", "Pilots are completed", "اكتملت تجارب رائدة"),
                    metric="initiatives.pilots_completed",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(EX_ELDERLY, "במהלכו יצאו לפיילוט שכלל 60 קשישים מאזורים פריפריאליים"),
                    guidance=(
                        "פיילוטים עם תאריך סיום בכרטיסי היוזמות.",
                        "Pilots with an end date on the initiatives.",
                        "تجارب رائدة لها تاريخ انتهاء في بطاقات المبادرات.",
                    ),
                    next_action=(
                        "רשמו את תאריך הסיום והלקחים של פיילוט שהסתיים",
                        "Record the end date and lessons of a pilot that ended",
                        "سجّلوا تاريخ انتهاء تجربة رائدة انتهت ودروسها المستفادة",
                    ),
                ),
                auto(
                    "needs-in-pilot",
                    (
                        "צרכים מחוברים לפתרון בפיילוט ומעלה",
                        "Needs are connected to a solution in pilot or beyond",
                        "الاحتياجات مرتبطة بحل في مرحلة التجربة الرائدة أو ما بعدها",
                    ),
                    metric="initiatives.needs_in_pilot",
                    target=0.5,
                    pass_level=0.8,
                    source=source(S_C, "חיבור בין צרכים ופתרונות"),
                    guidance=(
                        "חלק הצרכים שמחוברים ליוזמה בפיילוט, בהרחבה או בהפעלה שוטפת.",
                        "Share of needs linked to an initiative in pilot, scaling or sustained.",
                        "نسبة الاحتياجات المرتبطة بمبادرة في تجربة رائدة أو توسيع أو تشغيل مستمر.",
                    ),
                    next_action=(
                        "חברו צורך פתוח ליוזמה שיוצאת לפיילוט",
                        "Connect an open need to an initiative going to pilot",
                        "اربطوا احتياجًا مفتوحًا بمبادرة تتجه إلى تجربة رائدة",
                    ),
                ),
            ],
        ),
        dimension(
            "ownership",
            ("הובלה עצמית של המשרד", "The ministry leading on its own", "قيادة الوزارة بنفسها"),
            weight=2,
            criteria=[
                manual(
                    "ministry-leads",
                    (
                        "יש סימנים שהמשרד מוביל בעצמו",
                        "There are signs that the ministry leads on its own",
                        "توجد مؤشرات على أن الوزارة تقود بنفسها",
                    ),
                    anchors=steps(
                        (
                            "אין סימנים; הצוות מוביל הכול",
                            "No signs; the team leads everything",
                            "لا مؤشرات؛ الفريق يقود كل شيء",
                        ),
                        (
                            "אנשי המשרד מובילים פעולות בודדות",
                            "Ministry staff lead single actions",
                            "موظفو الوزارة يقودون إجراءات منفردة",
                        ),
                        (
                            "אנשי המשרד מובילים חלק מהיוזמות והמנגנונים",
                            "Ministry staff lead some initiatives and mechanisms",
                            "موظفو الوزارة يقودون بعض المبادرات والآليات",
                        ),
                        (
                            "המשרד מוביל את רוב היוזמות ומעלה צרכים חדשים בעצמו",
                            "The ministry leads most initiatives and raises new needs itself",
                            "الوزارة تقود معظم المبادرات وتطرح احتياجات جديدة بنفسها",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    source=source(S_D, "שלב ד' מזמן בחינה של המשך תפקיד ה API אנושי"),
                    guidance=rate(
                        "יוזמות ומנגנונים שבעליהם אנשי המשרד, וצרכים חדשים שהמשרד העלה בלי הצוות.",
                        "initiatives and mechanisms owned by ministry staff, and new needs the ministry raised without the team.",
                        "مبادرات وآليات يملكها موظفو الوزارة، واحتياجات جديدة طرحتها الوزارة دون الفريق.",
                    ),
                    next_action=(
                        "דרגו את ההובלה העצמית של המשרד, עם יוזמות וצרכים שהוא מוביל",
                        "Rate how the ministry leads on its own, with the initiatives and needs it leads",
                        "قيّموا قيادة الوزارة بنفسها، مع المبادرات والاحتياجات التي تقودها",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# The connection between the worlds: the source's five parameters, each rated in both worlds
# ------------------------------------------------------------------------------------------------
def _side(key, text, anchors, source_, evidence, next_action):
    """One world's side of a parameter: rated 0–3 with evidence from that world, valid for a year."""
    return manual(
        key,
        text,
        anchors=steps(*anchors),
        pass_level=MET_2_OF_3,
        validity_days=365,
        weight=2,
        source=source_,
        guidance=rate(*evidence),
        next_action=next_action,
    )


BRIDGING = rubric(
    "bridging",
    (
        "החיבור בין העולמות: חמשת הפרמטרים",
        "The connection between the worlds: the five parameters",
        "الصلة بين العالمين: العوامل الخمسة",
    ),
    description=(
        "עד כמה החיבור בין עולם הרווחה לעולם הדיגיטל עובד, לפי חמשת הפרמטרים שהמודל מגדיר בפתיחתו. כל פרמטר "
        "מדורג פעמיים, עם ראיות מעולם הרווחה ועם ראיות מעולם הדיגיטל, ולצדו מה שהנתונים מראים. שלב ד׳ מחפש בדיוק "
        "אותם.",
        "How well the connection between the welfare world and the digital world works, on the five parameters the "
        "model sets out at its start. Each parameter is rated twice, with evidence from the welfare world and with "
        "evidence from the digital world, next to what the data shows. Stage D looks for exactly these.",
        "مدى نجاح الصلة بين عالم الرفاه والعالم الرقمي، وفق العوامل الخمسة التي يحددها النموذج في مستهله. يُقيَّم "
        "كل عامل مرتين، بأدلة من عالم الرفاه وبأدلة من العالم الرقمي، إلى جانب ما تُظهره البيانات. والمرحلة د تبحث "
        "عنها بالذات.",
    ),
    subject_type="engagement",
    kind="health",
    threshold=75,
    min_coverage=0.5,
    dimensions=[
        dimension(
            "needs-understood",
            (
                PARAMETERS[0],
                "Each world's needs understood, and solutions found",
                "فهم احتياجات كل عالم وإيجاد الحلول",
            ),
            criteria=[
                _side(
                    "needs-understood-welfare",
                    (
                        "עולם הרווחה מנסח את צרכיו ומבין את צורכי עולם הדיגיטל",
                        "The welfare world states its needs and understands the digital world's needs",
                        "عالم الرفاه يصوغ احتياجاته ويفهم احتياجات العالم الرقمي",
                    ),
                    [
                        (
                            "הצרכים אינם מנוסחים, וצורכי עולם הדיגיטל אינם מוכרים",
                            "Needs are not written down, and the digital world's needs are unknown",
                            "الاحتياجات غير مصاغة، واحتياجات العالم الرقمي غير معروفة",
                        ),
                        (
                            "חלק מהצרכים מנוסחים; צורכי עולם הדיגיטל אינם נשקלים",
                            "Some needs are written; the digital world's needs are not considered",
                            "بعض الاحتياجات مصاغة؛ واحتياجات العالم الرقمي لا تؤخذ بالحسبان",
                        ),
                        (
                            "הצרכים מנוסחים ומפורסמים; צורכי עולם הדיגיטל (הרחבה, עסק) נשקלים בחלק מהיוזמות",
                            "Needs are written and published; the digital world's needs (scale, a business) are weighed in some initiatives",
                            "الاحتياجات مصاغة ومنشورة؛ واحتياجات العالم الرقمي (التوسع، العمل التجاري) تؤخذ بالحسبان في بعض المبادرات",
                        ),
                        (
                            "אנשי המשרד מעלים צרכים בעצמם ומתכננים גם לצורכי הארגונים השותפים",
                            "Ministry staff raise needs themselves and also plan for the partner organisations' needs",
                            "موظفو الوزارة يطرحون الاحتياجات بأنفسهم ويخططون أيضًا لاحتياجات المنظمات الشريكة",
                        ),
                    ],
                    source(
                        S_HUMAN_API,
                        "צרכים מסוימים מעולם הדיגיטל הינם רצון לייצר הרחבה והפצה ליוזמות חברתיות דיגיטליות",
                    ),
                    (
                        "צרכים שאנשי המשרד העלו, ויוזמות שבהן נשקלו צורכי הארגון השותף (הרחבה, עסק, התקשרות).",
                        "needs ministry staff raised, and initiatives that weighed the partner organisation's needs (scale, a business, contracting).",
                        "احتياجات طرحها موظفو الوزارة، ومبادرات أُخذت فيها احتياجات المنظمة الشريكة بالحسبان (التوسع، العمل التجاري، التعاقد).",
                    ),
                    (
                        "דרגו את הבנת הצרכים בעולם הרווחה, עם ראיות מאנשי המשרד",
                        "Rate how the welfare world understands needs, with evidence from ministry staff",
                        "قيّموا فهم الاحتياجات في عالم الرفاه، مع أدلة من موظفي الوزارة",
                    ),
                ),
                _side(
                    "needs-understood-digital",
                    (
                        "עולם הדיגיטל מבין את צורכי המשרד ואת שדה הרווחה",
                        "The digital world understands the ministry's needs and the welfare field",
                        "العالم الرقمي يفهم احتياجات الوزارة وميدان الرفاه",
                    ),
                    [
                        (
                            "ארגונים מציעים מוצרים בלי להכיר את צורכי המשרד",
                            "Organisations pitch products without knowing the ministry's needs",
                            "المنظمات تعرض منتجات دون معرفة احتياجات الوزارة",
                        ),
                        (
                            "ארגונים שותפים בודדים מכירים את הצרכים שפורסמו",
                            "A few partner organisations know the published needs",
                            "قلة من المنظمات الشريكة تعرف الاحتياجات المنشورة",
                        ),
                        (
                            "ארגונים שותפים מתאימים את הצעותיהם לצרכים ולמגבלות השדה",
                            "Partner organisations fit their offers to the needs and to the field's constraints",
                            "المنظمات الشريكة تكيّف عروضها مع الاحتياجات ومع قيود الميدان",
                        ),
                        (
                            "ארגונים שותפים מביאים מיוזמתם פתרונות לצרכים, מותאמים לשדה, לאוכלוסייה ולכללים",
                            "Partner organisations bring solutions to needs on their own, fitted to the field, its population and its rules",
                            "المنظمات الشريكة تقدّم من تلقاء نفسها حلولًا للاحتياجات، ملائمة للميدان وسكانه وقواعده",
                        ),
                    ],
                    source(EX_IRISK, "בהזרמת מידע לעולם הדיגיטלי על מהות הצורך של המשרד"),
                    (
                        "הצעות של ארגונים שותפים שמתייחסות לקול קורא ולמגבלות השדה, ומשוב מהם על הצרכים.",
                        "partner organisations' offers that address a call for proposals and the field's constraints, and their feedback on the needs.",
                        "عروض المنظمات الشريكة التي تتناول دعوة لتقديم مقترحات وقيود الميدان، وملاحظاتها على الاحتياجات.",
                    ),
                    (
                        "דרגו את הבנת הצרכים בעולם הדיגיטל, עם ראיות מהארגונים השותפים",
                        "Rate how the digital world understands the needs, with evidence from partner organisations",
                        "قيّموا فهم العالم الرقمي للاحتياجات، مع أدلة من المنظمات الشريكة",
                    ),
                ),
                auto(
                    "needs-answered",
                    (
                        "לצרכים נמצאו יוזמות שעונות עליהם",
                        "Needs have initiatives that answer them",
                        "للاحتياجات مبادرات تستجيب لها",
                    ),
                    metric="initiatives.needs_answered",
                    target=0.75,
                    pass_level=0.8,
                    source=source(S_RATIONALE, "הבנת הצרכים של כל עולם ומציאת פתרונות"),
                    guidance=(
                        "חלק הצרכים (שלא נזנחו) שמחוברים ליוזמה במצב 'בבחינה' ומעלה. היעד שלושה רבעים; 60% נחשבים עמידה. לא חל כשאין צרכים.",
                        "Share of needs (not dropped) connected to an initiative at 'exploring' or beyond. The target is three quarters; 60% counts as met. Does not apply without needs.",
                        "نسبة الاحتياجات (غير المتروكة) المرتبطة بمبادرة في حالة «قيد الاستكشاف» فما فوق. الهدف ثلاثة أرباع؛ وتُعدّ 60% استيفاءً. لا ينطبق حين لا توجد احتياجات.",
                    ),
                    next_action=(
                        "חברו צורך פתוח ליוזמה קיימת או פתחו לו יוזמה",
                        "Connect an open need to an initiative, or start one for it",
                        "اربطوا احتياجًا مفتوحًا بمبادرة قائمة أو أطلقوا له مبادرة",
                    ),
                ),
            ],
        ),
        dimension(
            "working-together",
            (
                PARAMETERS[1],
                "Role holders' will and ability to work together",
                "رغبة أصحاب الأدوار وقدرتهم على العمل معًا",
            ),
            criteria=[
                _side(
                    "working-together-welfare",
                    (
                        "בעלי התפקידים במשרד רוצים ויכולים לעבוד עם עולם הדיגיטל",
                        "Ministry role holders are willing and able to work with the digital world",
                        "أصحاب الأدوار في الوزارة راغبون وقادرون على العمل مع العالم الرقمي",
                    ),
                    [
                        (
                            "בעלי התפקידים נמנעים מעבודה עם ארגונים מעולם הדיגיטל או חוששים ממנה",
                            "Role holders avoid working with digital-world organisations, or fear it",
                            "أصحاب الأدوار يتجنبون العمل مع منظمات العالم الرقمي أو يخشونه",
                        ),
                        (
                            "בעלי תפקידים בודדים מצטרפים כשהצוות מבקש",
                            "A few role holders join when the team asks",
                            "قلة من أصحاب الأدوار ينضمون حين يطلب الفريق",
                        ),
                        (
                            "בעלי תפקידים בכמה אגפים עובדים עם ארגונים שותפים, בליווי הצוות",
                            "Role holders in several divisions work with partner organisations, with the team's support",
                            "أصحاب أدوار في عدة أقسام يعملون مع منظمات شريكة، بمرافقة الفريق",
                        ),
                        (
                            "בעלי תפקידים יוזמים עבודה משותפת ומסירים לה חסמים בעצמם",
                            "Role holders start joint work and remove its barriers themselves",
                            "أصحاب الأدوار يبادرون إلى العمل المشترك ويزيلون عوائقه بأنفسهم",
                        ),
                    ],
                    source(
                        EX_BASKET, "הצוותים כללו בעלי תפקידים בכירים במשרד הרווחה שסייעו בחסמים בירוקרטיים"
                    ),
                    (
                        "השתתפות אנשי המשרד בצוותים משותפים, חסמים שהסירו וחששות שעלו ונפתרו.",
                        "ministry staff's part in joint teams, barriers they removed, and fears raised and resolved.",
                        "مشاركة موظفي الوزارة في الفرق المشتركة، والعوائق التي أزالوها، والمخاوف التي طُرحت وحُلّت.",
                    ),
                    (
                        "דרגו את הרצון לעבוד יחד בעולם הרווחה, עם ראיות מהצוותים המשותפים",
                        "Rate the welfare world's will to work together, with evidence from the joint teams",
                        "قيّموا رغبة عالم الرفاه في العمل معًا، مع أدلة من الفرق المشتركة",
                    ),
                ),
                _side(
                    "working-together-digital",
                    (
                        "הארגונים השותפים רוצים ויכולים לעבוד עם המגזר הציבורי",
                        "Partner organisations are willing and able to work with the public sector",
                        "المنظمات الشريكة راغبة وقادرة على العمل مع القطاع العام",
                    ),
                    [
                        (
                            "ארגונים אינם רוצים לעבוד עם המשרד או אינם יודעים איך",
                            "Organisations do not want to work with the ministry, or do not know how",
                            "المنظمات لا ترغب في العمل مع الوزارة أو لا تعرف كيف",
                        ),
                        (
                            "ארגונים נפגשים עם המשרד כשהצוות מפגיש ביניהם",
                            "Organisations meet the ministry when the team brings them together",
                            "المنظمات تلتقي بالوزارة حين يجمعها الفريق",
                        ),
                        (
                            "ארגונים שותפים עובדים בצוותים משותפים ומסתגלים לדרכי המגזר הציבורי, בליווי",
                            "Partner organisations work in joint teams and adapt to public-sector ways, with support",
                            "المنظمات الشريكة تعمل في فرق مشتركة وتتكيف مع أساليب القطاع العام، بمرافقة",
                        ),
                        (
                            "ארגונים שותפים עובדים ישירות עם המשרד, עם פונקציית קשרי ממשל וידע על המגזר הציבורי",
                            "Partner organisations work with the ministry directly, with a government-relations function and public-sector know-how",
                            "المنظمات الشريكة تعمل مع الوزارة مباشرة، ولديها وظيفة علاقات حكومية ومعرفة بالقطاع العام",
                        ),
                    ],
                    source(EX_ELDERLY, "לשותפות עם המגזר הציבורי שאינו טכנולוגי"),
                    (
                        "ארגונים שותפים בצוותים משותפים, פונקציות קשרי ממשל שהוקמו ומשוב מהם על העבודה עם המשרד.",
                        "partner organisations in joint teams, government-relations functions set up, and their feedback on working with the ministry.",
                        "منظمات شريكة في فرق مشتركة، ووظائف علاقات حكومية أُنشئت، وملاحظاتها على العمل مع الوزارة.",
                    ),
                    (
                        "דרגו את הרצון לעבוד יחד בעולם הדיגיטל, עם ראיות מהארגונים השותפים",
                        "Rate the digital world's will to work together, with evidence from partner organisations",
                        "قيّموا رغبة العالم الرقمي في العمل معًا، مع أدلة من المنظمات الشريكة",
                    ),
                ),
                auto(
                    "teams-both-worlds",
                    (
                        "צוותים פועלים עם חברים משני העולמות",
                        "Working teams have members from both worlds",
                        "فرق عاملة تضم أعضاء من العالمين",
                    ),
                    metric="core.teams_of_both_worlds",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_RATIONALE, "רצון ויכולת של בעלי תפקידים לעבוד ביחד"),
                    guidance=(
                        "צוותים פעילים (צוות משותף, צוות משימה, ועדת היגוי ועוד) שחבריהם הנוכחיים באים גם מעולם הרווחה וגם מעולם הדיגיטל. שניים לפחות נחשבים עמידה.",
                        "Working teams (joint team, task force, steering committee and others) whose current members come from both the welfare world and the digital world. Two or more count as met.",
                        "فرق عاملة (فريق مشترك، فريق مهام، لجنة توجيهية وغيرها) يأتي أعضاؤها الحاليون من عالم الرفاه ومن العالم الرقمي معًا. فريقان أو أكثر يُعدّان استيفاءً.",
                    ),
                    next_action=(
                        "צרפו חבר מהעולם החסר לצוות פעיל",
                        "Add a member from the missing world to a working team",
                        "أضيفوا عضوًا من العالم الغائب إلى فريق عامل",
                    ),
                ),
            ],
        ),
        dimension(
            "shared-language",
            (PARAMETERS[2], "A language both worlds understand", "لغة مفهومة لدى العالمين"),
            criteria=[
                _side(
                    "shared-language-welfare",
                    (
                        "אנשי המשרד מבינים את שפת עולם הדיגיטל ומשתמשים בה",
                        "Ministry staff understand and use the digital world's language",
                        "موظفو الوزارة يفهمون لغة العالم الرقمي ويستخدمونها",
                    ),
                    [
                        (
                            "מונחי הדיגיטל זרים; הצוות מתרגם בכל פגישה",
                            "Digital terms are foreign; the team translates in every meeting",
                            "المصطلحات الرقمية غريبة؛ والفريق يترجم في كل اجتماع",
                        ),
                        (
                            "בעלי תפקידים בודדים מבינים את המונחים",
                            "A few role holders understand the terms",
                            "قلة من أصحاب الأدوار يفهمون المصطلحات",
                        ),
                        (
                            "צוותים שעובדים עם ארגונים שותפים משתמשים בשפה משותפת, למשל מסע לקוח, נתונים, פיתוח זריז",
                            "Teams working with partner organisations use a shared language, e.g. customer journey, data, agile",
                            "الفرق التي تعمل مع منظمات شريكة تستخدم لغة مشتركة، مثل رحلة العميل والبيانات والتطوير الرشيق",
                        ),
                        (
                            "השפה המשותפת משמשת בכל המשרד: במסמכים, במכרזים ובפורומים",
                            "The shared language is used across the ministry: in documents, tenders and forums",
                            "اللغة المشتركة مستخدمة في أرجاء الوزارة: في الوثائق والمناقصات والمنتديات",
                        ),
                    ],
                    source(S_RATIONALE, "מתהווה, בעלת מונחים חדשים שלעיתים אינם מוכרים"),
                    (
                        "מסמכים, מכרזים וסיכומי פגישות של אנשי המשרד שמשתמשים במונחי הדיגיטל בלי תיווך.",
                        "ministry staff's documents, tenders and meeting notes that use digital terms without mediation.",
                        "وثائق ومناقصات ومحاضر اجتماعات لموظفي الوزارة تستخدم المصطلحات الرقمية دون وساطة.",
                    ),
                    (
                        "דרגו את השפה המשותפת בעולם הרווחה, עם מסמכים של אנשי המשרד",
                        "Rate the shared language in the welfare world, with documents by ministry staff",
                        "قيّموا اللغة المشتركة في عالم الرفاه، مع وثائق من موظفي الوزارة",
                    ),
                ),
                _side(
                    "shared-language-digital",
                    (
                        "הארגונים השותפים מבינים את שפת שדה הרווחה",
                        "Partner organisations understand the welfare field's language",
                        "المنظمات الشريكة تفهم لغة ميدان الرفاه",
                    ),
                    [
                        (
                            "הארגונים אינם מבינים את מונחי הרווחה ואת מגבלות השדה",
                            "Organisations do not understand welfare terms and the field's constraints",
                            "المنظمات لا تفهم مصطلحات الرفاه وقيود الميدان",
                        ),
                        (
                            "ארגונים שותפים בודדים מכירים את המונחים הבסיסיים",
                            "A few partner organisations know the basic terms",
                            "قلة من المنظمات الشريكة تعرف المصطلحات الأساسية",
                        ),
                        (
                            "ארגונים שותפים מנסחים את הצעותיהם בשפת השדה, בליווי",
                            "Partner organisations word their offers in the field's language, with support",
                            "المنظمات الشريكة تصوغ عروضها بلغة الميدان، بمرافقة",
                        ),
                        (
                            "ארגונים שותפים מסבירים את פתרונותיהם לאנשי המקצוע ולמקבלי השירות בשפתם",
                            "Partner organisations explain their solutions to professionals and service users in their own language",
                            "المنظمات الشريكة تشرح حلولها للمهنيين ولمتلقي الخدمة بلغتهم",
                        ),
                    ],
                    source(EX_BASKET, "הליווי עסק בניית המסוגלות האישית והארגונית וביצירת שפה המשותפת"),
                    (
                        "הצעות, הדרכות וחומרים של ארגונים שותפים שכתובים בשפת השדה, ומשוב מאנשי מקצוע.",
                        "partner organisations' offers, training and materials written in the field's language, and feedback from professionals.",
                        "عروض المنظمات الشريكة وتدريباتها وموادها المكتوبة بلغة الميدان، وملاحظات المهنيين.",
                    ),
                    (
                        "דרגו את השפה המשותפת בעולם הדיגיטל, עם חומרים של הארגונים השותפים",
                        "Rate the shared language in the digital world, with materials by partner organisations",
                        "قيّموا اللغة المشتركة في العالم الرقمي، مع مواد من المنظمات الشريكة",
                    ),
                ),
                auto(
                    "shared-dreams",
                    (
                        "ליוזמות הפעילות חלום גדול משותף",
                        "Active initiatives have a shared big dream",
                        "للمبادرات النشطة حلم كبير مشترك",
                    ),
                    metric="initiatives.shared_dreams",
                    pass_level=0.8,
                    source=source(S_B1, "לצד הנעה לפעולה מאפשר 'החלום המשותף' בניה של שפה משותפת"),
                    guidance=(
                        "חלק היוזמות הפעילות שנוסח להן חלום גדול משותף: ניסוח החלום יחד בונה שפה משותפת. לא חל כשאין יוזמות פעילות.",
                        "Share of active initiatives with a shared big dream: writing the dream together builds a shared language. Does not apply without active initiatives.",
                        "نسبة المبادرات النشطة التي صيغ لها حلم كبير مشترك: صياغة الحلم معًا تبني لغة مشتركة. لا ينطبق حين لا توجد مبادرات نشطة.",
                    ),
                    next_action=(
                        "נסחו עם שני העולמות את החלום הגדול של יוזמה פעילה",
                        "Write an active initiative's big dream with both worlds",
                        "صوغوا مع العالمين الحلم الكبير لمبادرة نشطة",
                    ),
                ),
            ],
        ),
        dimension(
            "policies-procedures",
            (
                PARAMETERS[3],
                "Policies and procedures that let the worlds work with each other",
                "سياسات وإجراءات تتيح للعالمين العمل معًا",
            ),
            criteria=[
                _side(
                    "policies-procedures-welfare",
                    (
                        "נהלי המשרד, הרכש והמדיניות מאפשרים עבודה עם עולם הדיגיטל",
                        "The ministry's procedures, procurement and policy allow work with the digital world",
                        "إجراءات الوزارة ومشترياتها وسياساتها تتيح العمل مع العالم الرقمي",
                    ),
                    [
                        (
                            "כללי הרכש וההתקשרות חוסמים עבודה עם ארגונים מעולם הדיגיטל",
                            "Procurement and contracting rules block work with digital-world organisations",
                            "قواعد الشراء والتعاقد تعيق العمل مع منظمات العالم الرقمي",
                        ),
                        (
                            "חריגים מאושרים מקרה לגופו",
                            "Exceptions are approved case by case",
                            "تُعتمد استثناءات لكل حالة على حدة",
                        ),
                        (
                            "חלק מהמסלולים הותאמו: מכרז אתגר, RFI, כנס ספקים או מכרז מותאם",
                            "Some paths are adapted: a challenge tender, an RFI, a vendor conference or an adapted tender",
                            "بعض المسارات كُيّفت: مناقصة تحدٍّ، أو طلب معلومات (RFI)، أو مؤتمر موردين، أو مناقصة مكيّفة",
                        ),
                        (
                            "מסלולים ומדיניות מותאמים הם נוהל קבוע, למשל מענה מרחוק ושימוש בווידאו",
                            "Adapted paths and policies are standing procedure, e.g. remote response and video use",
                            "المسارات والسياسات المكيّفة إجراء ثابت، مثل الاستجابة عن بُعد واستخدام الفيديو",
                        ),
                    ],
                    source(S_C_TABLE, "התאמה של תהליכי התקשרות ורכש לעולם הדיגיטלי"),
                    (
                        "נהלי רכש והתקשרות שהותאמו, מכרזים שפורסמו במסלול מותאם ומסמכי מדיניות.",
                        "procurement and contracting procedures adapted, tenders published on an adapted path, and policy documents.",
                        "إجراءات شراء وتعاقد كُيّفت، ومناقصات نُشرت في مسار مكيّف، ووثائق سياسات.",
                    ),
                    (
                        "דרגו את הנהלים והמדיניות בעולם הרווחה, עם נהלים ומכרזים שהותאמו",
                        "Rate the welfare world's procedures and policy, with the procedures and tenders adapted",
                        "قيّموا إجراءات عالم الرفاه وسياساته، مع الإجراءات والمناقصات التي كُيّفت",
                    ),
                ),
                _side(
                    "policies-procedures-digital",
                    (
                        "לארגונים השותפים יש דרכי התקשרות ודיווח עם המשרד",
                        "Partner organisations have ways to contract with and report to the ministry",
                        "للمنظمات الشريكة طرق للتعاقد مع الوزارة ورفع التقارير إليها",
                    ),
                    [
                        (
                            "אין לארגונים דרך להתקשר עם המשרד או לדווח לו",
                            "Organisations have no way to contract with or report to the ministry",
                            "لا تملك المنظمات طريقة للتعاقد مع الوزارة أو لرفع التقارير إليها",
                        ),
                        (
                            "הסדרים חד-פעמיים שהצוות בונה",
                            "One-off arrangements the team builds",
                            "ترتيبات لمرة واحدة يبنيها الفريق",
                        ),
                        (
                            "לחלק מהארגונים השותפים יש תהליכי התקשרות ודיווח מול המשרד",
                            "Some partner organisations have contracting and reporting processes with the ministry",
                            "لبعض المنظمات الشريكة عمليات تعاقد وتقارير مع الوزارة",
                        ),
                        (
                            "ארגונים שותפים מתקשרים ומדווחים באופן שוטף, בלי הצוות",
                            "Partner organisations contract and report routinely, without the team",
                            "المنظمات الشريكة تتعاقد وترفع التقارير بشكل اعتيادي دون الفريق",
                        ),
                    ],
                    source(S_C_TABLE, "סיוע לארגונים ומיזמים בבניית תהליכי התקשרות ודיווח עם משרד הרווחה"),
                    (
                        "הסכמים, דוחות שארגונים שותפים הגישו וההסדרים שעליהם הם נשענים.",
                        "agreements, reports partner organisations submitted and the arrangements they rest on.",
                        "اتفاقيات، وتقارير قدمتها المنظمات الشريكة، والترتيبات التي تستند إليها.",
                    ),
                    (
                        "דרגו את דרכי ההתקשרות בעולם הדיגיטל, עם הסכמים ודוחות של הארגונים השותפים",
                        "Rate the digital world's ways of contracting, with partner organisations' agreements and reports",
                        "قيّموا طرق التعاقد في العالم الرقمي، مع اتفاقيات المنظمات الشريكة وتقاريرها",
                    ),
                ),
                auto(
                    "arrangements-both-worlds",
                    (
                        "בשני העולמות פועלים הסדרים, נהלים או מדיניות",
                        "Arrangements, procedures or policy are established in both worlds",
                        "ترتيبات أو إجراءات أو سياسات قائمة في العالمين",
                    ),
                    metric="stages.policies_in_both_worlds",
                    target=2,
                    source=source(S_RATIONALE, "מדיניות ונהלים המאפשרים עבודה אחד עם השני"),
                    guidance=(
                        "מספר העולמות (0–2) שיש בהם מנגנון מקטגוריה 'הסדרים ונהלים' או 'מדיניות' במצב 'פועל' או 'ממוסד'. שני העולמות נדרשים.",
                        "Worlds (0–2) with a mechanism of category 'arrangements and procedures' or 'policy' that is established or institutionalised. Both worlds are needed.",
                        "عدد العوالم (0–2) التي فيها آلية من فئة «ترتيبات وإجراءات» أو «سياسات» في حالة «تعمل» أو «مؤسسية». يلزم العالمان كلاهما.",
                    ),
                    next_action=(
                        "בנו הסדר או נוהל בעולם שאין בו עדיין",
                        "Build an arrangement or procedure in the world that has none yet",
                        "ابنوا ترتيبًا أو إجراءً في العالم الذي يفتقر إليه بعد",
                    ),
                ),
            ],
        ),
        dimension(
            "joint-initiatives",
            (PARAMETERS[4], "Joint initiatives", "مبادرات مشتركة"),
            criteria=[
                _side(
                    "joint-initiatives-welfare",
                    (
                        "המשרד שותף מלא ליוזמות המשותפות",
                        "The ministry is a full partner in the joint initiatives",
                        "الوزارة شريك كامل في المبادرات المشتركة",
                    ),
                    [
                        (
                            "אין יוזמה משותפת, או שהמשרד רק מקבל מוצרים",
                            "No joint initiative, or the ministry only receives products",
                            "لا توجد مبادرة مشتركة، أو أن الوزارة تتلقى منتجات فحسب",
                        ),
                        (
                            "המשרד משתתף ביוזמה משותפת אחת שהצוות מוביל",
                            "The ministry takes part in one joint initiative the team leads",
                            "الوزارة تشارك في مبادرة مشتركة واحدة يقودها الفريق",
                        ),
                        (
                            "לאנשי המשרד תפקידים בכמה יוזמות משותפות, עם זמן מוקצה והיגוי",
                            "Ministry staff hold roles in several joint initiatives, with time set aside and steering",
                            "لموظفي الوزارة أدوار في عدة مبادرات مشتركة، مع وقت مخصص وتوجيه",
                        ),
                        (
                            "המשרד יוזם יוזמות משותפות ומוביל אותן עד הרחבה",
                            "The ministry starts joint initiatives and carries them to scale",
                            "الوزارة تطلق مبادرات مشتركة وتقودها حتى التوسع",
                        ),
                    ],
                    source(
                        S_BRIDGE_WORK, "עבודה משותפת של בעלי תפקידים ואנשי מקצוע בעולם הדיגיטל ובמשרד הרווחה"
                    ),
                    (
                        "יוזמות משותפות שבהן לאנשי המשרד תפקיד, זמן מוקצה או היגוי, ויוזמות שהמשרד פתח.",
                        "joint initiatives where ministry staff hold a role, time or steering, and initiatives the ministry started.",
                        "مبادرات مشتركة يتولى فيها موظفو الوزارة دورًا أو وقتًا مخصصًا أو توجيهًا، ومبادرات أطلقتها الوزارة.",
                    ),
                    (
                        "דרגו את חלקו של המשרד ביוזמות המשותפות, עם התפקידים של אנשיו",
                        "Rate the ministry's part in the joint initiatives, with the roles its staff hold",
                        "قيّموا دور الوزارة في المبادرات المشتركة، مع الأدوار التي يتولاها موظفوها",
                    ),
                ),
                _side(
                    "joint-initiatives-digital",
                    (
                        "הארגונים השותפים שותפים מלאים ליוזמות המשותפות",
                        "Partner organisations are full partners in the joint initiatives",
                        "المنظمات الشريكة شركاء كاملون في المبادرات المشتركة",
                    ),
                    [
                        (
                            "אין ארגון מעולם הדיגיטל באף יוזמה",
                            "No digital-world organisation in any initiative",
                            "لا توجد منظمة من العالم الرقمي في أي مبادرة",
                        ),
                        (
                            "ארגונים מספקים מוצר; הפיתוח אינו משותף",
                            "Organisations supply a product; development is not joint",
                            "المنظمات تورّد منتجًا؛ والتطوير ليس مشتركًا",
                        ),
                        (
                            "ארגונים שותפים מפתחים יחד עם אנשי המשרד בצוותים משותפים",
                            "Partner organisations develop together with ministry staff in joint teams",
                            "المنظمات الشريكة تطوّر مع موظفي الوزارة في فرق مشتركة",
                        ),
                        (
                            "ארגונים שותפים שותפים ליוזמות, ושירותים שהחלו אצלם מורחבים דרך המשרד",
                            "Partner organisations co-own initiatives, and services that began with them scale through the ministry",
                            "المنظمات الشريكة شريكة في ملكية المبادرات، والخدمات التي بدأت لديها تتوسع عبر الوزارة",
                        ),
                    ],
                    source(EX_ELDERLY, "השירות צמח מרעיון של חברת UNIPER, ויצא לדרך כשותפות עם משרד הרווחה"),
                    (
                        "ארגונים שותפים בצוותים המשותפים, מה כל צד השקיע, ושירותים שהורחבו דרך המשרד.",
                        "partner organisations in the joint teams, what each side invested, and services scaled through the ministry.",
                        "المنظمات الشريكة في الفرق المشتركة، وما استثمره كل طرف، والخدمات التي توسعت عبر الوزارة.",
                    ),
                    (
                        "דרגו את חלקם של הארגונים השותפים ביוזמות, עם מה שכל צד השקיע",
                        "Rate the partner organisations' part in the initiatives, with what each side invested",
                        "قيّموا دور المنظمات الشريكة في المبادرات، مع ما استثمره كل طرف",
                    ),
                ),
                auto(
                    "joint-initiatives-in-pilot",
                    (
                        "יוזמות משותפות בפיילוט ומעלה",
                        "Joint initiatives in pilot or beyond",
                        "مبادرات مشتركة في التجربة الرائدة أو ما بعدها",
                    ),
                    metric="initiatives.joint_initiatives",
                    target=3,
                    pass_level=MET_2_OF_3,
                    source=source(S_RATIONALE, "יוזמות משותפות"),
                    guidance=(
                        "יוזמות בפיילוט, בהרחבה או בהפעלה שוטפת שיש להן צוות משותף או ארגון שותף מעולם הדיגיטל. שתיים לפחות נחשבות עמידה.",
                        "Initiatives in pilot, scaling or sustained that have a joint team or a digital-world partner organisation. Two or more count as met.",
                        "مبادرات في التجربة الرائدة أو التوسع أو التشغيل المستمر لها فريق مشترك أو منظمة شريكة من العالم الرقمي. مبادرتان أو أكثر تُعدّ استيفاءً.",
                    ),
                    next_action=(
                        "צרפו ארגון שותף או צוות משותף ליוזמה שבפיילוט",
                        "Add a partner organisation or a joint team to an initiative in pilot",
                        "أضيفوا منظمة شريكة أو فريقًا مشتركًا إلى مبادرة في التجربة الرائدة",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An initiative's readiness to scale (what a pilot cannot have yet is not applicable, never zero)
# ------------------------------------------------------------------------------------------------
INITIATIVE_SCALE_READINESS = rubric(
    "initiative-scale-readiness",
    ("מוכנות יוזמה להרחבה", "Initiative readiness to scale", "جاهزية المبادرة للتوسع"),
    description=(
        "האם ליוזמה יש יסודות בשני העולמות, האם הפיילוט לימד את מה שנקבע שילמד, והאם יש מפעיל ומסלול שמאפשרים "
        "הרחבה. מה שיוזמה עוד לא יכולה שיהיה לה בנקודה שבה היא נמצאת אינו נספר.",
        "Does the initiative have foundations in both worlds, did its pilot teach what it set out to teach, and is "
        "there an operator and a path that allow scale. What an initiative cannot have yet at its point in life is "
        "not counted.",
        "هل للمبادرة أسس في العالمين، وهل علّمت تجربتها الرائدة ما حُدّد أن تعلّمه، وهل يوجد مشغّل ومسار يتيحان "
        "التوسع؟ ما لا يمكن أن يتوفر للمبادرة بعد في مرحلتها الحالية لا يُحتسب.",
    ),
    subject_type="initiative",
    kind="readiness",
    threshold=75,
    dimensions=[
        dimension(
            "foundation",
            ("יסודות היוזמה", "The initiative's foundations", "أسس المبادرة"),
            weight=2,
            criteria=[
                auto(
                    "big-dream",
                    (
                        "החלום הגדול המשותף כתוב",
                        "The shared big dream is written",
                        "الحلم الكبير المشترك مكتوب",
                    ),
                    metric="initiative.big_dream",
                    source=source(S_B1, "כל יוזמה מתחילה בהגדרה של 'החלום הגדול'"),
                    guidance=(
                        "השדה 'החלום הגדול המשותף' בכרטיס היוזמה.",
                        "The 'shared big dream' field on the initiative.",
                        "حقل «الحلم الكبير المشترك» في بطاقة المبادرة.",
                    ),
                    next_action=(
                        "נסחו את החלום הגדול יחד עם אנשי שני העולמות",
                        "Write the big dream together with people from both worlds",
                        "صوغوا الحلم الكبير مع أشخاص من العالمين",
                    ),
                ),
                auto(
                    "joint-team",
                    (
                        "צוות משותף לשני העולמות פועל",
                        "A joint team of both worlds works",
                        "فريق مشترك من العالمين يعمل",
                    ),
                    metric="initiative.joint_team",
                    applies_from="joint_team",
                    source=source(EX_IRISK, "נבנה צוות משותף שהחל לעבוד בעצימות מאוד גבוהה"),
                    guidance=(
                        "צוות משותף מוגדר בכרטיס היוזמה. חל מהמצב 'צוות משותף' והלאה.",
                        "A joint team set on the initiative. Applies from the 'joint team' status on.",
                        "فريق مشترك محدد في بطاقة المبادرة. ينطبق ابتداءً من حالة «فريق مشترك».",
                    ),
                    next_action=(
                        "שייכו ליוזמה צוות משותף עם חברים משני העולמות",
                        "Link a joint team with members from both worlds to the initiative",
                        "اربطوا بالمبادرة فريقًا مشتركًا بأعضاء من العالمين",
                    ),
                ),
                auto(
                    "process-steps",
                    (
                        "צעדי התהליך של ה-API האנושי בוצעו",
                        "The Human API process steps were taken",
                        "نُفّذت خطوات عملية فريق الواجهة البشرية",
                    ),
                    metric="initiative.process_steps",
                    target=5,
                    pass_level=0.8,
                    source=source(EX_ELDERLY, "בניית תהליך חיבור בין העולמות"),
                    guidance=(
                        "סוגי הצעדים שתועדו: זיהוי הצורך, גישוש והזרמת מידע, נוכחות בעולם הדיגיטל, היכרות, בניית החיבור, מדיניות והסדרים.",
                        "Kinds of steps recorded: identifying the need, scouting and information flow, presence in the digital world, introduction, building the connection, policy and arrangements.",
                        "أنواع الخطوات الموثّقة: تحديد الاحتياج، الاستكشاف وتدفق المعلومات، الحضور في العالم الرقمي، التعارف، بناء الصلة، السياسات والترتيبات.",
                    ),
                    next_action=(
                        "תעדו את צעדי התהליך שכבר נעשו ביוזמה",
                        "Record the process steps already taken in the initiative",
                        "وثّقوا خطوات العملية التي نُفّذت بالفعل في المبادرة",
                    ),
                ),
                auto(
                    "impact-described",
                    (
                        "השפעת השינוי מתוארת",
                        "The impact of the change is described",
                        "أثر التغيير موصوف",
                    ),
                    metric="initiative.impact_described",
                    applies_from="pilot",
                    source=source(EX_ELDERLY, "שינוי תפיסתי לשירותים הניתנים לאזרח הוותיק בקהילה"),
                    guidance=(
                        "כותרת ההשפעה ותיאורה בכרטיס היוזמה: מה השתנה לאזרח, לאנשי המקצוע או למשרד. חל מהפיילוט והלאה.",
                        "The impact headline and description on the initiative: what changed for citizens, professionals or the ministry. Applies from the pilot on.",
                        "عنوان الأثر ووصفه في بطاقة المبادرة: ما الذي تغيّر للمواطنين أو للمهنيين أو للوزارة. ينطبق ابتداءً من التجربة الرائدة.",
                    ),
                    next_action=(
                        "כתבו את כותרת ההשפעה: מה השתנה ולמי",
                        "Write the impact headline: what changed, and for whom",
                        "اكتبوا عنوان الأثر: ما الذي تغيّر ولمن",
                    ),
                ),
                auto(
                    "no-blocking-tensions",
                    (
                        "אין מתחים פתוחים שחוסמים את היוזמה",
                        "No open tension blocks the initiative",
                        "لا توجد توترات مفتوحة تعيق المبادرة",
                    ),
                    metric="initiative.blocking_tensions",
                    floor=1,
                    target=0,
                    critical=True,
                    source=source(S_B1, "בחינה מתי העיסוק במתח מונע התקדמות ונדרש להפסיק לעסוק בו"),
                    guidance=(
                        "מתחים פתוחים שמסומנים כחוסמים ומקושרים ליוזמה. יש להכריע בהם לפני ההרחבה.",
                        "Open tensions marked blocking and linked to the initiative. Decide them before scaling.",
                        "توترات مفتوحة معلَّمة بأنها معيقة ومرتبطة بالمبادرة. يجب حسمها قبل التوسع.",
                    ),
                    next_action=(
                        "הכריעו במתח החוסם או 'קפצו למים' ותעדו את ההחלטה",
                        "Decide the blocking tension, or 'jump into the water', and record the decision",
                        "احسموا التوتر المعيق أو «اقفزوا إلى الماء» ووثّقوا القرار",
                    ),
                ),
            ],
        ),
        dimension(
            "pilot-results",
            ("מה הפיילוט לימד", "What the pilot taught", "ما علّمته التجربة الرائدة"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "learning-plan",
                    (
                        "לפיילוט יש תוכנית למידה עם אבני דרך",
                        "The pilot has a learning plan with milestones",
                        "للتجربة الرائدة خطة تعلّم ذات محطات",
                    ),
                    metric="initiative.learning_plan",
                    applies_from="pilot",
                    pass_level=1,
                    weight=2,
                    source=source(
                        EX_ELDERLY,
                        "כיצד ניתן למדוד הצלחה לשירות שלא פעל מעולם ואין ניסיון עבר משירות דומה לו",
                    ),
                    guidance=(
                        "לכל פיילוט של היוזמה: מה הוא אמור ללמד ואילו אבני דרך יראו זאת. לשירות שלא פעל מעולם אין עבר לקבוע ממנו יעדים, ולכן הצלחתו נמדדת במה שנלמד.",
                        "For each pilot of the initiative: what it should teach and the milestones that would show it. A service that never ran has no past to set targets from, so its success is measured by what was learned.",
                        "لكل تجربة رائدة في المبادرة: ما ينبغي أن تعلّمه والمحطات التي تُظهر ذلك. الخدمة التي لم تعمل قط ليس لها ماضٍ تُحدَّد منه الأهداف، لذا يُقاس نجاحها بما تم تعلّمه.",
                    ),
                    next_action=(
                        "כתבו לפיילוט מה הוא אמור ללמד ואת אבני הדרך",
                        "Write what the pilot should teach and its milestones",
                        "اكتبوا ما ينبغي أن تعلّمه التجربة الرائدة ومحطاتها",
                    ),
                ),
                auto(
                    "lessons-recorded",
                    (
                        "הלקחים מהפיילוט כתובים",
                        "The pilot's lessons are written",
                        "الدروس المستفادة من التجربة الرائدة مكتوبة",
                    ),
                    metric="initiative.lessons_recorded",
                    applies_from="pilot",
                    pass_level=1,
                    weight=2,
                    source=source(EX_ELDERLY, "תוך קבלת משוב לאורך הדרך"),
                    guidance=(
                        "התוצאות והלקחים בכל פיילוט שהסתיים או שכבר נכתבו לו לקחי ביניים. לא חל לפני שפיילוט מסתיים.",
                        "The outcome and lessons of each pilot that ended or already has interim lessons. Does not apply before a pilot ends.",
                        "النتائج والدروس المستفادة لكل تجربة رائدة انتهت أو كُتبت لها دروس مرحلية. لا ينطبق قبل انتهاء تجربة رائدة.",
                    ),
                    next_action=(
                        "כתבו את התוצאות והלקחים של הפיילוט מול תוכנית הלמידה",
                        "Write the pilot's outcome and lessons against its learning plan",
                        "اكتبوا نتائج التجربة الرائدة ودروسها مقارنةً بخطة التعلّم",
                    ),
                ),
                auto(
                    "pilot-kpis-met",
                    (
                        "הפיילוט עמד במדדים שנקבעו לו",
                        "The pilot met the KPIs set for it",
                        "حققت التجربة الرائدة مؤشرات الأداء المحددة لها",
                    ),
                    metric="initiative.pilot_kpis_met",
                    applies_from="pilot",
                    pass_level=0.75,
                    source=source(S_B1, "הצורך להגדיר מדדי הצלחה שמהווים חלק מתהליכי רכש"),
                    guidance=(
                        "מדדי הפיילוט שנמדדו והגיעו ליעד; שלושה רבעים נחשבים עמידה. לא חל כשלא נקבעו מדדים: לשירות חדש אולי אין עבר לקבוע ממנו יעדים, ואז תוכנית הלמידה היא הבסיס.",
                        "Measured pilot KPIs that reached their target; three quarters count as met. Does not apply when no KPI was set: a new service may have no past to set targets from, and then the learning plan is the basis.",
                        "مؤشرات أداء التجربة الرائدة التي قيست وبلغت هدفها؛ ثلاثة أرباع تُعدّ استيفاءً. لا ينطبق حين لم تُحدَّد مؤشرات: فقد لا يكون لخدمة جديدة ماضٍ تُحدَّد منه الأهداف، وعندها تكون خطة التعلّم هي الأساس.",
                    ),
                    next_action=(
                        "מדדו את מדדי הפיילוט שנקבעו ורשמו את התוצאות",
                        "Measure the pilot KPIs that were set and record the results",
                        "قيسوا مؤشرات التجربة الرائدة المحددة وسجّلوا النتائج",
                    ),
                ),
            ],
        ),
        dimension(
            "scale-capacity",
            ("יכולת להרחבה", "Capacity to scale", "القدرة على التوسع"),
            weight=2,
            criteria=[
                auto(
                    "operating-partner",
                    (
                        "ארגון שותף מפעיל או מממן את היוזמה",
                        "A partner organisation operates or funds the initiative",
                        "منظمة شريكة تشغّل المبادرة أو تموّلها",
                    ),
                    metric="initiative.operating_partner",
                    applies_from="pilot",
                    source=source(EX_BASKET, "ומאפשר ליוזמה הפרטית לייצר scale"),
                    guidance=(
                        "ארגון שותף ביוזמה בתפקיד מפעיל או מממן. חל מהפיילוט והלאה.",
                        "A partner organisation of the initiative in the role of operator or funder. Applies from the pilot on.",
                        "منظمة شريكة في المبادرة بدور المشغّل أو المموّل. ينطبق ابتداءً من التجربة الرائدة.",
                    ),
                    next_action=(
                        "סכמו עם ארגון שותף מי יפעיל או יממן את ההרחבה",
                        "Agree with a partner organisation who will operate or fund the scale-up",
                        "اتفقوا مع منظمة شريكة على من سيشغّل التوسع أو يموّله",
                    ),
                ),
                manual(
                    "scale-funding",
                    (
                        "מימון ומסלול רכש להרחבה מובטחים",
                        "Funding and a procurement path for scale are secured",
                        "التمويل ومسار الشراء للتوسع مضمونان",
                    ),
                    anchors=steps(
                        (
                            "אין מקור מימון ואין מסלול",
                            "No funding source and no path",
                            "لا مصدر تمويل ولا مسار",
                        ),
                        (
                            "זוהו מקורות ומסלולים אפשריים",
                            "Possible sources and paths are identified",
                            "حُدّدت مصادر ومسارات ممكنة",
                        ),
                        (
                            "יש התחייבות עקרונית או חלקית ומסלול רכש נבחר",
                            "There is a commitment in principle or in part, and a procurement path is chosen",
                            "يوجد التزام مبدئي أو جزئي، واختير مسار شراء",
                        ),
                        (
                            "המימון אושר בתקציב או בהסכם, והמסלול הותאם לשירות",
                            "Funding is approved in a budget or agreement, and the path is adapted to the service",
                            "اعتُمد التمويل في ميزانية أو اتفاقية، وكُيّف المسار للخدمة",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    applies_from="pilot",
                    source=source(
                        EX_ELDERLY, "פעל ה API אנושי בסיוע להתאמת תהליכי הרכש לשירותים חדשניים שלא נוסו בעבר"
                    ),
                    guidance=rate(
                        "סעיף תקציבי, הסכם מימון או מכתב התחייבות, ומסלול הרכש (מכרז אתגר, RFI, כנס ספקים, מכרז מותאם).",
                        "a budget line, a funding agreement or a letter of commitment, and the procurement path (challenge tender, RFI, vendor conference, adapted tender).",
                        "بند في الميزانية أو اتفاقية تمويل أو رسالة التزام، ومسار الشراء (مناقصة تحدٍّ، طلب معلومات RFI، مؤتمر موردين، مناقصة مكيّفة).",
                    ),
                    next_action=(
                        "דרגו את המימון ומסלול הרכש, עם ההתחייבות שהתקבלה",
                        "Rate the funding and procurement path, with the commitment received",
                        "قيّموا التمويل ومسار الشراء، مع الالتزام الذي تم الحصول عليه",
                    ),
                ),
                manual(
                    "operator-capacity",
                    (
                        "למפעיל יש יכולת להרחיב",
                        "The operator has capacity to scale",
                        "لدى المشغّل القدرة على التوسع",
                    ),
                    anchors=steps(
                        ("אין מפעיל", "No operator", "لا يوجد مشغّل"),
                        (
                            "יש מפעיל, בלי צוות או תשתית להרחבה",
                            "An operator without the team or infrastructure to scale",
                            "يوجد مشغّل، دون فريق أو بنية تحتية للتوسع",
                        ),
                        (
                            "יכולת להרחבה חלקית, למשל באזור אחד",
                            "Partial capacity, e.g. in one region",
                            "قدرة جزئية على التوسع، مثلًا في منطقة واحدة",
                        ),
                        (
                            "צוות, תשתית ותמיכה להפעלה ארצית",
                            "Team, infrastructure and support for nationwide operation",
                            "فريق وبنية تحتية ودعم للتشغيل على مستوى البلاد",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    applies_from="pilot",
                    source=source(
                        S_BRIDGE_WORK,
                        "שירותים שהחלו כמיזמים עוברים הפצה והרחבה והטמעה - scale באמצעות משרד הרווחה",
                    ),
                    guidance=rate(
                        "תוכנית ההפעלה של המפעיל, כוח האדם שלו וניסיון קודם בהרחבה.",
                        "the operator's operating plan, staffing and past experience of scaling.",
                        "خطة تشغيل المشغّل، وطاقمه، وخبرته السابقة في التوسع.",
                    ),
                    next_action=(
                        "דרגו את יכולת המפעיל, עם תוכנית ההפעלה וכוח האדם שלו",
                        "Rate the operator's capacity, with its operating plan and staffing",
                        "قيّموا قدرة المشغّل، مع خطة تشغيله وطاقمه",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An opportunity's readiness for a pilot (the partner sees what it can act on). A product that is
# still an idea is not marked down: the idea is argued, and a learning plan says what a pilot will show.
# ------------------------------------------------------------------------------------------------
OPPORTUNITY_PILOT_READINESS = rubric(
    "opportunity-pilot-readiness",
    ("מוכנות הזדמנות לפיילוט", "Opportunity readiness for a pilot", "جاهزية الفرصة للتجربة الرائدة"),
    description=(
        "האם הרעיון מנומק ויש תוכנית למה שפיילוט ילמד, האם הפתרון מגן על מידע, נגיש ומתאים לצורך – ומאב-טיפוס "
        "והלאה, גם האם הוא בשל ויש ראיות לתועלתו. מוצר שהוא עדיין רעיון אינו נפגע מכך.",
        "Is the idea argued, with a plan for what a pilot should teach; is the solution protective of data, "
        "accessible and fit for the need — and from a prototype on, is it mature and is there evidence of its "
        "benefit. A product that is still an idea is not marked down for that.",
        "هل الفكرة معلَّلة مع خطة لما ينبغي أن تعلّمه التجربة الرائدة؛ وهل يحمي الحل البيانات، وهل هو متاح "
        "وملائم للاحتياج – وابتداءً من النموذج الأولي، هل هو ناضج وهل توجد أدلة على فائدته؟ المنتج الذي لا يزال "
        "فكرة لا يُنتقص منه لذلك.",
    ),
    subject_type="opportunity",
    kind="readiness",
    threshold=70,
    dimensions=[
        dimension(
            "idea",
            (
                "הרעיון ומה שפיילוט ילמד",
                "The idea, and what a pilot would teach",
                "الفكرة وما ستعلّمه التجربة الرائدة",
            ),
            weight=2,
            criteria=[
                auto(
                    "idea-argued",
                    (
                        "הרעיון מנומק: הבעיה, אוכלוסיית היעד והתקציר כתובים",
                        "The idea is argued: the problem, the target population and the summary are written",
                        "الفكرة معلَّلة: المشكلة والفئة المستهدفة والملخص مكتوبة",
                    ),
                    metric="opportunity.idea_argued",
                    pass_level=1,
                    partner=True,
                    source=source(
                        EX_ELDERLY, "ה API אנושי זיהה את פוטנציאל החיבור למרות שהמוצר שהוצג היה בגדר רעיון"
                    ),
                    guidance=(
                        "בפרופיל: איזו בעיה הפתרון פותר, למי, ותקציר. גם מוצר שהוא עדיין רעיון יכול לעמוד בזה במלואו.",
                        "In the profile: which problem the solution solves, for whom, and a summary. A product that is still an idea can meet this in full.",
                        "في الملف: ما المشكلة التي يحلها الحل، ولمن، وملخص. حتى المنتج الذي لا يزال فكرة يمكنه استيفاء ذلك كاملًا.",
                    ),
                    next_action=(
                        "כתבו בפרופיל את הבעיה, את אוכלוסיית היעד ותקציר",
                        "Write the problem, the target population and a summary in the profile",
                        "اكتبوا في الملف المشكلة والفئة المستهدفة وملخصًا",
                    ),
                ),
                auto(
                    "learning-plan",
                    (
                        "יש תוכנית למידה לפיילוט",
                        "There is a learning plan for the pilot",
                        "توجد خطة تعلّم للتجربة الرائدة",
                    ),
                    metric="opportunity.learning_plan",
                    partner=True,
                    source=source(EX_ELDERLY, "כיצד ניתן למדוד הצלחה לשירות שלא פעל מעולם"),
                    guidance=(
                        "בפרופיל: מה פיילוט אמור ללמד את שני הצדדים ואילו אבני דרך יראו זאת. למוצר שעוד לא פעל, זו הראיה.",
                        "In the profile: what a pilot should teach both sides, and the milestones that would show it. For a product that has not run yet, this is its evidence.",
                        "في الملف: ما ينبغي أن تعلّمه التجربة الرائدة للطرفين والمحطات التي تُظهر ذلك. للمنتج الذي لم يعمل بعد، هذا هو دليله.",
                    ),
                    next_action=(
                        "כתבו בפרופיל מה פיילוט ילמד ואילו אבני דרך יראו זאת",
                        "Write in the profile what a pilot would teach and the milestones that would show it",
                        "اكتبوا في الملف ما ستعلّمه التجربة الرائدة والمحطات التي تُظهر ذلك",
                    ),
                ),
            ],
        ),
        dimension(
            "product",
            ("בשלות המוצר", "Product maturity", "نضج المنتج"),
            weight=2,
            criteria=[
                auto(
                    "technology-readiness",
                    (
                        "רמת הבשלות הטכנולוגית (TRL)",
                        "Technology readiness level (TRL)",
                        "مستوى الجاهزية التكنولوجية (TRL)",
                    ),
                    metric="opportunity.technology_readiness",
                    floor=2,
                    target=7,
                    pass_level=0.6,
                    partner=True,
                    weight=2,
                    applies_from="prototype",
                    source=source(
                        EX_ELDERLY,
                        "השירות צמח מרעיון של חברת UNIPER, ויצא לדרך כשותפות עם משרד הרווחה",
                        outside="Technology readiness levels",
                    ),
                    guidance=(
                        "בשלות המוצר בפרופיל ההזדמנות, מאב-טיפוס והלאה (רעיון אינו נפגע). אב-טיפוס (TRL 5) נחשב עמידה; מוצר שכבר נוסה בפיילוט (TRL 7) ומעלה מקבל ציון מלא.",
                        "The product maturity in the opportunity profile, from a prototype on (an idea is not marked down). A prototype (TRL 5) counts as met; a product already piloted (TRL 7) or beyond scores in full.",
                        "نضج المنتج في ملف الفرصة، ابتداءً من النموذج الأولي (لا يُنتقص من الفكرة). النموذج الأولي (TRL 5) يُعدّ استيفاءً؛ والمنتج الذي جُرّب في تجربة رائدة (TRL 7) فما فوق ينال الدرجة كاملة.",
                    ),
                    next_action=(
                        "עדכנו בפרופיל את בשלות המוצר",
                        "Update the product maturity in the profile",
                        "حدّثوا نضج المنتج في الملف",
                    ),
                ),
                auto(
                    "evidence",
                    (
                        "יש ראיות לתועלת הפתרון",
                        "There is evidence of the solution's benefit",
                        "توجد أدلة على فائدة الحل",
                    ),
                    metric="opportunity.evidence",
                    partner=True,
                    applies_from="prototype",
                    source=source(
                        EX_PROBATION,
                        "צוות API אנושי ביקש לבחון התאמה של המערכת הטכנולוגית לצורכי משרד הרווחה",
                    ),
                    guidance=(
                        "תיאור הראיות בפרופיל (תוצאות, משתמשים, הערכות) וקובץ מצורף אחד לפחות שמתעד אותן. חל מאב-טיפוס והלאה.",
                        "Describe the evidence in the profile (results, users, evaluations) and attach at least one file documenting it. Applies from a prototype on.",
                        "صفوا الأدلة في الملف (نتائج، مستخدمون، تقييمات) وأرفقوا ملفًا واحدًا على الأقل يوثّقها. ينطبق ابتداءً من النموذج الأولي.",
                    ),
                    next_action=(
                        "תארו בפרופיל את הראיות וצרפו קובץ שמתעד אותן",
                        "Describe the evidence in the profile and attach a file documenting it",
                        "صفوا الأدلة في الملف وأرفقوا ملفًا يوثّقها",
                    ),
                ),
            ],
        ),
        dimension(
            "data-protection",
            ("הגנה על מידע ואבטחה", "Data protection and security", "حماية البيانات والأمن"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "data-protection",
                    ("המידע האישי מוגן", "Personal data is protected", "البيانات الشخصية محمية"),
                    metric="opportunity.data_protection",
                    critical=True,
                    partner=True,
                    weight=2,
                    source=source(EX_IRISK, "עסק הצוות בשאלת אבטחת מידע ושמירה על פרטיותו של ממלא השאלון"),
                    guidance=(
                        "כשהפתרון מעבד מידע אישי: הערכת השפעה על פרטיות, פירוט מקום האירוח של המידע ותקנים או הסמכות. לא חל על פתרון שאינו מעבד מידע אישי.",
                        "When the solution processes personal data: a privacy impact assessment, where the data is hosted, and standards or certifications. Does not apply when no personal data is processed.",
                        "حين يعالج الحل بيانات شخصية: تقييم الأثر على الخصوصية، ومكان استضافة البيانات، والمعايير أو الشهادات. لا ينطبق حين لا تُعالَج بيانات شخصية.",
                    ),
                    next_action=(
                        "השלימו בפרופיל הערכת השפעה על פרטיות, אירוח והסמכות",
                        "Complete the privacy impact assessment, hosting and certifications in the profile",
                        "أكملوا في الملف تقييم الأثر على الخصوصية والاستضافة والشهادات",
                    ),
                ),
                manual(
                    "security-review",
                    (
                        "בדיקת אבטחת המידע והפרטיות של הצוות",
                        "The team's security and privacy review",
                        "مراجعة الفريق لأمن المعلومات والخصوصية",
                    ),
                    anchors=steps(
                        ("לא נבדק", "Not reviewed", "لم تُراجَع"),
                        (
                            "נבדק בחלקו; יש פערים מהותיים",
                            "Partly reviewed; material gaps",
                            "رُوجعت جزئيًا؛ توجد فجوات جوهرية",
                        ),
                        (
                            "נבדק; נותרו פערים שאינם חוסמים פיילוט",
                            "Reviewed; remaining gaps do not block a pilot",
                            "رُوجعت؛ والفجوات المتبقية لا تعيق تجربة رائدة",
                        ),
                        (
                            "אושר בידי גורמי אבטחת המידע והפרטיות במשרד",
                            "Approved by the ministry's security and privacy officers",
                            "اعتمدها مسؤولو أمن المعلومات والخصوصية في الوزارة",
                        ),
                    ),
                    critical=True,
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    source=source(S_B1, "מתח בין שמירה על חסיון מידע לצד אוטומציה ומתן מענה מהיר"),
                    guidance=rate(
                        "סיכום הבדיקה או אישור הממונים על אבטחת מידע ופרטיות. הבדיקה של הצוות, לא של השותף.",
                        "the review summary or the security and privacy officers' approval. This is the team's review, not the partner's.",
                        "ملخص المراجعة أو موافقة مسؤولي أمن المعلومات والخصوصية. هذه مراجعة الفريق لا مراجعة الشريك.",
                    ),
                    next_action=(
                        "העבירו את הפתרון לבדיקת אבטחת מידע ופרטיות ודרגו לפי הסיכום",
                        "Send the solution for a security and privacy review and rate it from the summary",
                        "أحيلوا الحل إلى مراجعة أمن المعلومات والخصوصية وقيّموه وفق الملخص",
                    ),
                ),
            ],
        ),
        dimension(
            "inclusion",
            ("נגישות ושפות", "Accessibility and languages", "الإتاحة واللغات"),
            weight=2,
            criteria=[
                auto(
                    "accessibility",
                    ("הנגישות מתוארת", "Accessibility is described", "الإتاحة موصوفة"),
                    metric="opportunity.accessibility",
                    partner=True,
                    source=source(
                        S_WELFARE_SYSTEM, "שימוש בכלים דיגיטליים יסייע במתן שירותי רווחה נגישים ומותאמים"
                    ),
                    guidance=(
                        "בפרופיל: עמידה בתקן הנגישות (ת״י 5568), התאמה לאנשים עם מוגבלות ולמי שאוריינותו הדיגיטלית נמוכה.",
                        "In the profile: conformance with the accessibility standard (IS 5568), and fit for people with disabilities and low digital literacy.",
                        "في الملف: الامتثال لمعيار الإتاحة (المعيار الإسرائيلي 5568)، والملاءمة للأشخاص ذوي الإعاقة ولذوي المعرفة الرقمية المحدودة.",
                    ),
                    next_action=(
                        "תארו בפרופיל את הנגישות של הפתרון",
                        "Describe the solution's accessibility in the profile",
                        "صفوا في الملف إتاحة الحل",
                    ),
                ),
                auto(
                    "languages",
                    ("הפתרון זמין בכמה שפות", "The solution serves several languages", "الحل متاح بعدة لغات"),
                    metric="opportunity.languages",
                    target=3,
                    pass_level=MET_2_OF_3,
                    partner=True,
                    source=source(EX_IRISK, "השאלון נגיש בחמש שפות ופתוח לשימוש לכל דורש"),
                    guidance=(
                        "השפות בפרופיל. עברית וערבית לפחות נחשבות עמידה; שפה שלישית (למשל רוסית, אמהרית או אנגלית) משלימה לציון מלא.",
                        "Languages in the profile. Hebrew and Arabic at least count as met; a third (e.g. Russian, Amharic or English) completes the score.",
                        "اللغات في الملف. العبرية والعربية على الأقل تُعدّان استيفاءً؛ ولغة ثالثة (مثل الروسية أو الأمهرية أو الإنجليزية) تكمل الدرجة.",
                    ),
                    next_action=(
                        "הוסיפו לפתרון ערבית ועוד שפה של האוכלוסייה",
                        "Add Arabic and another language of the population to the solution",
                        "أضيفوا إلى الحل العربية ولغة أخرى من لغات السكان",
                    ),
                ),
            ],
        ),
        dimension(
            "fit",
            ("התאמה לצורך", "Fit to the need", "الملاءمة للاحتياج"),
            weight=2,
            criteria=[
                auto(
                    "broadcast-fit",
                    (
                        "הפתרון מתאים לקריטריונים של הקול הקורא",
                        "The solution fits the call for proposals' criteria",
                        "الحل يلائم معايير الدعوة لتقديم المقترحات",
                    ),
                    metric="opportunity.broadcast_fit",
                    target=0.8,
                    pass_level=0.75,
                    source=source(
                        S_BRIDGE_WORK, "איתור וחיבור בין טכנולוגיות קיימות בעולם הדיגיטל למשרד הרווחה"
                    ),
                    guidance=(
                        "ציון ההתאמה הגבוה ביותר מול הקריטריונים של הקול הקורא (60 ומעלה נחשב עמידה). לא חל על הזדמנות שלא הוגשה לקול קורא.",
                        "The best fit score against the call for proposals' criteria (60 or more counts as met). Does not apply to an opportunity not submitted to a call.",
                        "أعلى درجة ملاءمة مع معايير الدعوة لتقديم المقترحات (60 فأكثر تُعدّ استيفاءً). لا ينطبق على فرصة لم تُقدَّم إلى دعوة.",
                    ),
                    next_action=(
                        "בחנו את ההתאמה מול הקריטריונים של הקול הקורא ועדכנו אותה",
                        "Review the fit against the call's criteria and update it",
                        "راجعوا الملاءمة مع معايير الدعوة وحدّثوها",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An organisation's digital maturity (the stage A questionnaire). The source says only that stage A
# used a diagnostic tool for a digital index and digital maturity; its content comes from the EU
# public-sector Digital Maturity Assessment: strategy, readiness, human-centric, data and security,
# interoperability, green. Every criterion: five anchors 0–4, "met" from the middle anchor.
# ------------------------------------------------------------------------------------------------
DMA = source(S_A, "כלי אבחון ליצירת מדד דיגיטלי ובשלות דיגיטלית", outside="EU Digital Maturity Assessment")


def _maturity(key, text, anchors, evidence, next_action, **kwargs):
    return manual(
        key,
        text,
        anchors=steps(*anchors),
        pass_level=MET_2_OF_4,
        validity_days=365,
        source=DMA,
        guidance=rate(*evidence),
        next_action=next_action,
        **kwargs,
    )


ORGANIZATION_MATURITY = rubric(
    "organization-maturity",
    ("בשלות דיגיטלית של ארגון", "Organisation digital maturity", "النضج الرقمي للمنظمة"),
    description=(
        "שאלון שהצוות ממלא בשלב א׳ על הארגון שהוא מושא השינוי: כלי האבחון לבשלות דיגיטלית שהמודל מזכיר, לפי ששת "
        "הממדים של הערכת הבשלות הדיגיטלית של המגזר הציבורי באיחוד האירופי (מסגרת חיצונית).",
        "A questionnaire the team fills in during stage A about the organisation that is the change object: the "
        "digital-maturity diagnostic the model mentions, following the six dimensions of the EU public-sector Digital "
        "Maturity Assessment (an outside framework).",
        "استبيان يملؤه الفريق في المرحلة أ عن المنظمة التي هي موضوع التغيير: أداة تشخيص النضج الرقمي التي يذكرها "
        "النموذج، وفق الأبعاد الستة لتقييم النضج الرقمي للقطاع العام في الاتحاد الأوروبي (إطار خارجي).",
    ),
    subject_type="organization",
    kind="maturity",
    threshold=60,
    dimensions=[
        dimension(
            "digital-strategy",
            ("אסטרטגיה דיגיטלית", "Digital strategy", "الاستراتيجية الرقمية"),
            weight=2,
            criteria=[
                _maturity(
                    "strategy-document",
                    (
                        "לארגון אסטרטגיה דיגיטלית ואסטרטגיית נתונים",
                        "The organisation has a digital and data strategy",
                        "للمنظمة استراتيجية رقمية واستراتيجية بيانات",
                    ),
                    [
                        ("אין אסטרטגיה דיגיטלית", "No digital strategy", "لا توجد استراتيجية رقمية"),
                        (
                            "פרויקטים דיגיטליים נקודתיים, בלי מסמך מנחה",
                            "One-off digital projects, no guiding document",
                            "مبادرات رقمية متفرقة دون وثيقة موجِّهة",
                        ),
                        (
                            "יש טיוטה או מסמך שלא אושר בהנהלה",
                            "A draft, or a document not approved by management",
                            "توجد مسودة أو وثيقة لم تعتمدها الإدارة",
                        ),
                        (
                            "אסטרטגיה מאושרת עם יעדים ותקציב",
                            "An approved strategy with goals and a budget",
                            "استراتيجية معتمدة ذات أهداف وميزانية",
                        ),
                        (
                            "אסטרטגיה מאושרת שמתעדכנת לפחות פעם בשנה לפי מדידה ולמידה",
                            "An approved strategy updated at least yearly from measurement and learning",
                            "استراتيجية معتمدة تُحدَّث مرة في السنة على الأقل بناءً على القياس والتعلّم",
                        ),
                    ],
                    (
                        "מסמך האסטרטגיה, החלטת ההנהלה שאישרה אותו ותאריך העדכון האחרון.",
                        "the strategy document, the management decision approving it and its last update date.",
                        "وثيقة الاستراتيجية، وقرار الإدارة باعتمادها، وتاريخ آخر تحديث لها.",
                    ),
                    (
                        "דרגו את האסטרטגיה הדיגיטלית, עם המסמך והחלטת ההנהלה",
                        "Rate the digital strategy, with the document and the management decision",
                        "قيّموا الاستراتيجية الرقمية، مع الوثيقة وقرار الإدارة",
                    ),
                ),
                _maturity(
                    "digital-leadership",
                    (
                        "יש הובלה דיגיטלית בהנהלה",
                        "Digital leadership sits in management",
                        "القيادة الرقمية حاضرة في الإدارة",
                    ),
                    [
                        (
                            "אין גורם אחראי לדיגיטל",
                            "Nobody is responsible for digital",
                            "لا جهة مسؤولة عن الرقمنة",
                        ),
                        (
                            "האחריות בידי אגף מערכות המידע בלבד",
                            "Responsibility lies with the IT division only",
                            "المسؤولية لدى قسم نظم المعلومات وحده",
                        ),
                        (
                            "מונה מוביל דיגיטלי, בלי סמכות או משאבים",
                            "A digital lead is appointed, without authority or resources",
                            "عُيّن قائد رقمي دون صلاحيات أو موارد",
                        ),
                        (
                            "המוביל הדיגיטלי חבר בהנהלה ומוביל תוכנית עבודה",
                            "The digital lead sits in management and runs a workplan",
                            "القائد الرقمي عضو في الإدارة ويقود خطة عمل",
                        ),
                        (
                            "כל אגף מקצועי מחזיק יעדים דיגיטליים ומדווח עליהם להנהלה",
                            "Every professional division holds digital goals and reports on them to management",
                            "كل قسم مهني يتولى أهدافًا رقمية ويرفع تقارير عنها إلى الإدارة",
                        ),
                    ],
                    (
                        "כתב מינוי, מבנה ארגוני ופרוטוקולי הנהלה.",
                        "a letter of appointment, the organisation chart and management minutes.",
                        "كتاب تعيين، والهيكل التنظيمي، ومحاضر الإدارة.",
                    ),
                    (
                        "דרגו את ההובלה הדיגיטלית, עם כתב המינוי ופרוטוקולי ההנהלה",
                        "Rate the digital leadership, with the appointment letter and management minutes",
                        "قيّموا القيادة الرقمية، مع كتاب التعيين ومحاضر الإدارة",
                    ),
                ),
                _maturity(
                    "strategy-alignment",
                    (
                        "היוזמות הדיגיטליות נגזרות מיעדי הארגון ונמדדות",
                        "Digital initiatives follow the organisation's goals and are measured",
                        "المبادرات الرقمية منبثقة من أهداف المنظمة وتُقاس",
                    ),
                    [
                        (
                            "אין קשר בין היוזמות ליעדים",
                            "No link between initiatives and goals",
                            "لا صلة بين المبادرات والأهداف",
                        ),
                        (
                            "הקשר מוסבר רק בדיעבד",
                            "The link is explained only after the fact",
                            "تُشرح الصلة بأثر رجعي فقط",
                        ),
                        (
                            "חלק מהיוזמות מעוגנות ביעדים",
                            "Some initiatives are tied to goals",
                            "بعض المبادرات مرتبطة بالأهداف",
                        ),
                        (
                            "כל יוזמה חדשה נבחנת מול היעדים ויש לה מדדי הצלחה",
                            "Each new initiative is checked against the goals and has success metrics",
                            "كل مبادرة جديدة تُفحص مقابل الأهداف ولها مؤشرات نجاح",
                        ),
                        (
                            "תיק היוזמות מנוהל לפי תוצאות: מרחיבים, משנים או עוצרים",
                            "The portfolio is run on results: scale, change or stop",
                            "تُدار حافظة المبادرات وفق النتائج: توسيع أو تغيير أو إيقاف",
                        ),
                    ],
                    (
                        "תוכנית העבודה ומדדי ההצלחה של היוזמות הדיגיטליות.",
                        "the workplan and the digital initiatives' success metrics.",
                        "خطة العمل ومؤشرات نجاح المبادرات الرقمية.",
                    ),
                    (
                        "דרגו את הקשר בין היוזמות ליעדים, עם תוכנית העבודה",
                        "Rate how initiatives follow the goals, with the workplan",
                        "قيّموا ارتباط المبادرات بالأهداف، مع خطة العمل",
                    ),
                ),
            ],
        ),
        dimension(
            "digital-readiness",
            ("מוכנות דיגיטלית", "Digital readiness", "الجاهزية الرقمية"),
            weight=2,
            criteria=[
                _maturity(
                    "digital-skills",
                    ("לעובדים מיומנויות דיגיטליות", "Staff have digital skills", "لدى الموظفين مهارات رقمية"),
                    [
                        ("אין הכשרה דיגיטלית", "No digital training", "لا يوجد تدريب رقمي"),
                        (
                            "הדרכות מזדמנות על כלים",
                            "Occasional training on tools",
                            "تدريبات عرضية على الأدوات",
                        ),
                        (
                            "תוכנית הכשרה לקבוצות נבחרות",
                            "A training programme for selected groups",
                            "برنامج تدريب لمجموعات مختارة",
                        ),
                        (
                            "הכשרה שיטתית לפי תפקיד, כולל מנהלים",
                            "Systematic training by role, managers included",
                            "تدريب منهجي حسب الدور، بما في ذلك المديرون",
                        ),
                        (
                            "למידה מתמשכת; המיומנויות נמדדות ומשולבות בהגדרות התפקיד",
                            "Continuous learning; skills are measured and built into role descriptions",
                            "تعلّم مستمر؛ تُقاس المهارات وتُدمج في توصيفات الأدوار",
                        ),
                    ],
                    (
                        "תוכנית ההכשרות, נתוני השתתפות והגדרות תפקיד.",
                        "the training programme, attendance figures and role descriptions.",
                        "برنامج التدريبات، وبيانات المشاركة، وتوصيفات الأدوار.",
                    ),
                    (
                        "דרגו את המיומנויות הדיגיטליות, עם תוכנית ההכשרות ונתוני ההשתתפות",
                        "Rate digital skills, with the training programme and attendance figures",
                        "قيّموا المهارات الرقمية، مع برنامج التدريبات وبيانات المشاركة",
                    ),
                ),
                _maturity(
                    "digital-roles",
                    (
                        "יש בארגון בעלי תפקידים בדיגיטל ובנתונים",
                        "There are digital and data roles in-house",
                        "توجد في المنظمة أدوار في الرقمنة والبيانات",
                    ),
                    [
                        (
                            "אין בעלי תפקידים כאלה; הכול במיקור חוץ",
                            "No such roles; everything is outsourced",
                            "لا توجد أدوار كهذه؛ كل شيء بالتعهيد الخارجي",
                        ),
                        (
                            "מעטים, ומרוכזים באגף מערכות המידע",
                            "A few, concentrated in the IT division",
                            "قلة، ومتمركزون في قسم نظم المعلومات",
                        ),
                        (
                            "צוותי דיגיטל ונתונים קיימים אך מנותקים מהאגפים",
                            "Digital and data teams exist but are cut off from divisions",
                            "توجد فرق رقمية وفرق بيانات لكنها منفصلة عن الأقسام",
                        ),
                        (
                            "ממשקים קבועים בין אגפי התוכן לצוותי הדיגיטל, למשל 'שניים בקופסה'",
                            "Standing links between content divisions and digital teams, e.g. 'two in a box'",
                            "روابط ثابتة بين أقسام المحتوى والفرق الرقمية، مثل «اثنان في صندوق»",
                        ),
                        (
                            "רפרנטים דיגיטליים בכל אגף וצוותים משולבים כדרך עבודה",
                            "Digital referents in every division and mixed teams as the way of working",
                            "مرجعيات رقمية في كل قسم وفرق مختلطة كطريقة عمل",
                        ),
                    ],
                    (
                        "מבנה ארגוני, רשימת רפרנטים וצוותים משותפים.",
                        "the organisation chart, the list of referents and joint teams.",
                        "الهيكل التنظيمي، وقائمة المرجعيات، والفرق المشتركة.",
                    ),
                    (
                        "דרגו את בעלי התפקידים בדיגיטל ובנתונים, עם המבנה הארגוני",
                        "Rate the digital and data roles, with the organisation chart",
                        "قيّموا أدوار الرقمنة والبيانات، مع الهيكل التنظيمي",
                    ),
                ),
                _maturity(
                    "technology-infrastructure",
                    (
                        "התשתיות והכלים הטכנולוגיים מאפשרים עבודה דיגיטלית",
                        "Technology infrastructure and tools enable digital work",
                        "البنية التحتية والأدوات التكنولوجية تتيح العمل الرقمي",
                    ),
                    [
                        (
                            "מערכות מיושנות, עבודה ידנית ובנייר",
                            "Outdated systems, manual and paper work",
                            "أنظمة قديمة، وعمل يدوي وورقي",
                        ),
                        (
                            "מערכות ליבה מנותקות זו מזו",
                            "Core systems disconnected from each other",
                            "أنظمة أساسية منفصلة بعضها عن بعض",
                        ),
                        (
                            "מערכות ליבה מעודכנות בחלק מהתחומים",
                            "Up-to-date core systems in some areas",
                            "أنظمة أساسية محدّثة في بعض المجالات",
                        ),
                        (
                            "תשתית ענן או תשתית משותפת וכלי עבודה שיתופיים בשימוש רחב",
                            "Cloud or shared infrastructure and collaborative tools in wide use",
                            "بنية سحابية أو مشتركة وأدوات عمل تشاركية مستخدمة على نطاق واسع",
                        ),
                        (
                            "תשתית גמישה שמאפשרת להוסיף שירותים במהירות ובבטחה",
                            "A flexible infrastructure that adds services quickly and safely",
                            "بنية تحتية مرنة تتيح إضافة خدمات بسرعة وأمان",
                        ),
                    ],
                    (
                        "מפת המערכות ותוכנית התשתיות של אגף מערכות המידע.",
                        "the systems map and the IT division's infrastructure plan.",
                        "خريطة الأنظمة وخطة البنية التحتية لقسم نظم المعلومات.",
                    ),
                    (
                        "דרגו את התשתיות, עם מפת המערכות של אגף מערכות המידע",
                        "Rate the infrastructure, with the IT division's systems map",
                        "قيّموا البنية التحتية، مع خريطة أنظمة قسم نظم المعلومات",
                    ),
                ),
            ],
        ),
        dimension(
            "human-centric",
            ("דיגיטציה ממוקדת אדם", "Human-centric digitalisation", "رقمنة متمحورة حول الإنسان"),
            weight=3,
            criteria=[
                _maturity(
                    "user-centred-services",
                    (
                        "השירותים מתוכננים יחד עם המשתמשים",
                        "Services are designed with their users",
                        "تُصمَّم الخدمات بالاشتراك مع مستخدميها",
                    ),
                    [
                        (
                            "השירותים מתוכננים בלי מגע עם המשתמשים",
                            "Services are designed without contact with users",
                            "تُصمَّم الخدمات دون تواصل مع المستخدمين",
                        ),
                        (
                            "משוב נאסף לעיתים, אחרי ההשקה",
                            "Feedback is collected now and then, after launch",
                            "تُجمع الملاحظات أحيانًا بعد الإطلاق",
                        ),
                        (
                            "מסע לקוח או בדיקות משתמשים בחלק מהפרויקטים",
                            "Customer journeys or user testing in some projects",
                            "رحلات عملاء أو اختبارات مستخدمين في بعض أعمال التطوير",
                        ),
                        (
                            "תכנון שירות ממוקד אדם הוא שלב קבוע בכל פרויקט",
                            "Human-centred service design is a fixed step in every project",
                            "تصميم الخدمة المتمحور حول الإنسان خطوة ثابتة في كل عملية تطوير",
                        ),
                        (
                            "המשתמשים ואנשי המקצוע שותפים לאורך חיי השירות, והוא משתפר לפי נתוני שימוש",
                            "Users and professionals take part throughout the service's life, and it improves from usage data",
                            "يشارك المستخدمون والمهنيون طوال عمر الخدمة، وتتحسن وفق بيانات الاستخدام",
                        ),
                    ],
                    (
                        "מסעות לקוח, תוצאות בדיקות משתמשים ושינויים שנעשו בעקבותיהם.",
                        "customer journeys, user-testing results and the changes made after them.",
                        "رحلات العملاء، ونتائج اختبارات المستخدمين، والتغييرات التي أُجريت في أعقابها.",
                    ),
                    (
                        "דרגו את שיתוף המשתמשים, עם מסעות לקוח ותוצאות בדיקות",
                        "Rate how users take part, with customer journeys and test results",
                        "قيّموا مشاركة المستخدمين، مع رحلات العملاء ونتائج الاختبارات",
                    ),
                ),
                _maturity(
                    "accessibility-inclusion",
                    (
                        "השירותים נגישים ומכלילים",
                        "Services are accessible and inclusive",
                        "الخدمات متاحة وشاملة",
                    ),
                    [
                        ("הנגישות אינה נבדקת", "Accessibility is not checked", "لا تُفحص الإتاحة"),
                        (
                            "נבדקת רק באתר, כדי לעמוד בחוק",
                            "Checked only on the website, to comply with the law",
                            "تُفحص في الموقع الإلكتروني فقط، للامتثال للقانون",
                        ),
                        (
                            "השירותים המרכזיים עומדים בתקן הנגישות (ת״י 5568)",
                            "Main services conform to the accessibility standard (IS 5568)",
                            "الخدمات الرئيسية تمتثل لمعيار الإتاحة (المعيار الإسرائيلي 5568)",
                        ),
                        (
                            "כל שירות חדש נבדק, ויש חלופה אנושית למי שאינו משתמש בדיגיטל",
                            "Every new service is checked, with a human alternative for non-digital users",
                            "كل خدمة جديدة تُفحص، مع بديل بشري لمن لا يستخدم الوسائل الرقمية",
                        ),
                        (
                            "נגישות ואוריינות דיגיטלית מקודמות ביוזמה, ונמדד מי לא מגיע לשירות",
                            "Accessibility and digital literacy are promoted actively, and those the service misses are measured",
                            "تُعزَّز الإتاحة والمعرفة الرقمية بشكل استباقي، ويُقاس من لا تصل إليهم الخدمة",
                        ),
                    ],
                    (
                        "דוחות בדיקת נגישות, חלופות השירות ונתוני שימוש לפי אוכלוסיות.",
                        "accessibility audit reports, service alternatives and usage data by population.",
                        "تقارير فحص الإتاحة، وبدائل الخدمة، وبيانات الاستخدام حسب الفئات السكانية.",
                    ),
                    (
                        "דרגו את הנגישות, עם דוחות הבדיקה ונתוני השימוש",
                        "Rate accessibility, with the audit reports and usage data",
                        "قيّموا الإتاحة، مع تقارير الفحص وبيانات الاستخدام",
                    ),
                ),
                _maturity(
                    "service-languages",
                    (
                        "השירותים זמינים בשפות האוכלוסייה",
                        "Services are available in the population's languages",
                        "الخدمات متاحة بلغات السكان",
                    ),
                    [
                        ("עברית בלבד", "Hebrew only", "العبرية فقط"),
                        ("מידע בסיסי בערבית", "Basic information in Arabic", "معلومات أساسية بالعربية"),
                        (
                            "השירותים המרכזיים בעברית ובערבית",
                            "Main services in Hebrew and Arabic",
                            "الخدمات الرئيسية بالعبرية والعربية",
                        ),
                        (
                            "עברית, ערבית ושפות נוספות (כמו רוסית, אמהרית, אנגלית) בשירותים המרכזיים",
                            "Hebrew, Arabic and more (such as Russian, Amharic, English) in the main services",
                            "العبرية والعربية ولغات أخرى (مثل الروسية والأمهرية والإنجليزية) في الخدمات الرئيسية",
                        ),
                        (
                            "כל שירות חדש מתוכנן רב-לשוני מראשיתו ונבדק עם דוברי השפות",
                            "Every new service is multilingual by design and tested with speakers of each language",
                            "كل خدمة جديدة متعددة اللغات منذ تصميمها وتُختبر مع متحدثي كل لغة",
                        ),
                    ],
                    (
                        "רשימת השירותים המרכזיים והשפות שבהן כל אחד זמין.",
                        "the list of main services and the languages each is available in.",
                        "قائمة الخدمات الرئيسية واللغات المتاح بها كل منها.",
                    ),
                    (
                        "דרגו את השפות, עם רשימת השירותים המרכזיים ושפותיהם",
                        "Rate the languages, with the list of main services and their languages",
                        "قيّموا اللغات، مع قائمة الخدمات الرئيسية ولغاتها",
                    ),
                ),
            ],
        ),
        dimension(
            "data-security",
            ("ניהול נתונים ואבטחת מידע", "Data management and security", "إدارة البيانات وأمن المعلومات"),
            weight=3,
            criteria=[
                _maturity(
                    "data-governance",
                    ("הנתונים מנוהלים בצורה מסודרת", "Data is governed", "البيانات تُدار بشكل منظم"),
                    [
                        (
                            "אין בעלות מוגדרת על נתונים",
                            "No defined data ownership",
                            "لا ملكية محددة للبيانات",
                        ),
                        (
                            "הנתונים מפוזרים, וכל אגף מחזיק מאגר משלו",
                            "Data is scattered; each division keeps its own store",
                            "البيانات مبعثرة، وكل قسم يحتفظ بمستودعه الخاص",
                        ),
                        (
                            "יש בעלי נתונים ומילון נתונים חלקי",
                            "Data owners and a partial data dictionary exist",
                            "يوجد مالكو بيانات وقاموس بيانات جزئي",
                        ),
                        (
                            "הנתונים מנוהלים במרוכז ומונגשים למנהלים בלוחות בקרה",
                            "Data is managed centrally and served to managers in dashboards",
                            "تُدار البيانات مركزيًا وتُتاح للمديرين في لوحات متابعة",
                        ),
                        (
                            "ניהול מבוסס נתונים בכל הדרגים, עם בקרת איכות נתונים שוטפת",
                            "Data-driven management at all levels, with ongoing data-quality control",
                            "إدارة مستندة إلى البيانات على جميع المستويات، مع رقابة مستمرة على جودة البيانات",
                        ),
                    ],
                    (
                        "מדיניות הנתונים, מילון הנתונים ולוחות הבקרה שבשימוש.",
                        "the data policy, the data dictionary and the dashboards in use.",
                        "سياسة البيانات، وقاموس البيانات، ولوحات المتابعة المستخدمة.",
                    ),
                    (
                        "דרגו את ניהול הנתונים, עם מדיניות הנתונים ולוחות הבקרה",
                        "Rate data governance, with the data policy and the dashboards",
                        "قيّموا إدارة البيانات، مع سياسة البيانات ولوحات المتابعة",
                    ),
                ),
                _maturity(
                    "privacy",
                    (
                        "פרטיות מקבלי השירות מוגנת",
                        "Service users' privacy is protected",
                        "خصوصية متلقي الخدمة محمية",
                    ),
                    [
                        (
                            "אין מדיניות פרטיות ואין ממונה",
                            "No privacy policy and no officer",
                            "لا سياسة خصوصية ولا مسؤول",
                        ),
                        (
                            "יש ממונה, בלי תהליך סדור",
                            "An officer exists, without a set process",
                            "يوجد مسؤول، دون عملية منظمة",
                        ),
                        (
                            "נהלים כתובים; הערכת השפעה על פרטיות רק בפרויקטים גדולים",
                            "Written procedures; privacy impact assessments only in large projects",
                            "إجراءات مكتوبة؛ وتقييم الأثر على الخصوصية في أعمال التطوير الكبيرة فقط",
                        ),
                        (
                            "הערכת השפעה בכל פרויקט שמעבד מידע אישי, ואיסוף מידע מינימלי כברירת מחדל",
                            "An impact assessment in every project processing personal data, and data minimisation by default",
                            "تقييم أثر في كل عملية تطوير تعالج بيانات شخصية، وتقليل جمع البيانات كإعداد افتراضي",
                        ),
                        (
                            "פרטיות כבר בתכנון, ביקורות תקופתיות ושקיפות כלפי מקבלי השירות",
                            "Privacy by design, periodic audits and transparency towards service users",
                            "خصوصية منذ التصميم، ومراجعات دورية، وشفافية تجاه متلقي الخدمة",
                        ),
                    ],
                    (
                        "נוהלי הגנת הפרטיות והערכות ההשפעה על פרטיות שנערכו.",
                        "the privacy procedures and the privacy impact assessments carried out.",
                        "إجراءات حماية الخصوصية وتقييمات الأثر على الخصوصية التي أُجريت.",
                    ),
                    (
                        "דרגו את הגנת הפרטיות, עם הנהלים והערכות ההשפעה",
                        "Rate privacy protection, with the procedures and impact assessments",
                        "قيّموا حماية الخصوصية، مع الإجراءات وتقييمات الأثر",
                    ),
                    critical=True,
                    weight=2,
                ),
                _maturity(
                    "cybersecurity",
                    (
                        "הארגון מנהל את סיכוני אבטחת המידע והסייבר",
                        "The organisation manages information-security and cyber risks",
                        "المنظمة تدير مخاطر أمن المعلومات والسيبرانية",
                    ),
                    [
                        ("אין ניהול סיכוני סייבר", "No cyber-risk management", "لا إدارة للمخاطر السيبرانية"),
                        ("הגנות בסיסיות בלבד", "Basic protections only", "حمايات أساسية فقط"),
                        (
                            "מדיניות אבטחה לפי הנחיות מערך הסייבר, ביישום חלקי",
                            "A security policy following the national cyber guidelines, partly applied",
                            "سياسة أمن وفق التوجيهات الوطنية للأمن السيبراني، مطبّقة جزئيًا",
                        ),
                        (
                            "ניהול סיכונים שוטף, בדיקת ספקים ותרגול אירועים",
                            "Ongoing risk management, supplier checks and incident drills",
                            "إدارة مستمرة للمخاطر، وفحص الموردين، وتمارين على الحوادث",
                        ),
                        (
                            "אבטחה משולבת בכל שלבי הפיתוח והרכש, עם ניטור רציף",
                            "Security built into every step of development and procurement, with continuous monitoring",
                            "أمن مدمج في كل مراحل التطوير والشراء، مع رصد متواصل",
                        ),
                    ],
                    (
                        "מדיניות אבטחת המידע, סקרי סיכונים ותרגילים אחרונים.",
                        "the information-security policy, risk surveys and recent drills.",
                        "سياسة أمن المعلومات، ومسوح المخاطر، والتمارين الأخيرة.",
                    ),
                    (
                        "דרגו את ניהול סיכוני הסייבר, עם מדיניות האבטחה וסקרי הסיכונים",
                        "Rate cyber-risk management, with the security policy and risk surveys",
                        "قيّموا إدارة المخاطر السيبرانية، مع سياسة الأمن ومسوح المخاطر",
                    ),
                ),
            ],
        ),
        dimension(
            "interoperability",
            ("יכולת פעולה הדדית", "Interoperability", "قابلية التشغيل البيني"),
            weight=2,
            criteria=[
                _maturity(
                    "system-integration",
                    (
                        "מערכות הארגון מחוברות זו לזו",
                        "The organisation's systems are connected",
                        "أنظمة المنظمة مترابطة",
                    ),
                    [
                        (
                            "אין חיבור; נתונים מועתקים ידנית",
                            "No connection; data is copied by hand",
                            "لا ترابط؛ تُنسخ البيانات يدويًا",
                        ),
                        ("חיבורים נקודתיים", "One-off connections", "روابط متفرقة"),
                        (
                            "מערכות הליבה מחוברות ביניהן",
                            "Core systems are connected to each other",
                            "الأنظمة الأساسية مترابطة فيما بينها",
                        ),
                        (
                            "ממשקי API מתועדים לשירותים המרכזיים",
                            "Documented APIs for the main services",
                            "واجهات API موثّقة للخدمات الرئيسية",
                        ),
                        (
                            "ארכיטקטורה מבוססת ממשקים: מערכת חדשה מתחברת בלי פיתוח ייעודי",
                            "An interface-based architecture: a new system connects without custom work",
                            "بنية قائمة على الواجهات: يتصل أي نظام جديد دون تطوير مخصص",
                        ),
                    ],
                    (
                        "מפת הממשקים בין המערכות ותיעוד ה-API.",
                        "the map of interfaces between systems and the API documentation.",
                        "خريطة الواجهات بين الأنظمة وتوثيق واجهات API.",
                    ),
                    (
                        "דרגו את חיבור המערכות, עם מפת הממשקים",
                        "Rate how systems are connected, with the interface map",
                        "قيّموا ترابط الأنظمة، مع خريطة الواجهات",
                    ),
                ),
                _maturity(
                    "data-exchange",
                    (
                        "מידע עובר בבטחה בין הארגון לגורמים אחרים",
                        "Data moves securely between the organisation and other bodies",
                        "تنتقل البيانات بأمان بين المنظمة والجهات الأخرى",
                    ),
                    [
                        (
                            "המידע עובר בדואר ובנייר",
                            "Data moves by post and on paper",
                            "تنتقل البيانات بالبريد وعلى الورق",
                        ),
                        (
                            "העברת קבצים ידנית או לא מאובטחת",
                            "Manual or unsecured file transfers",
                            "نقل ملفات يدوي أو غير آمن",
                        ),
                        (
                            "ממשקים עם חלק מהשותפים",
                            "Interfaces with some partners",
                            "واجهات مع بعض الشركاء",
                        ),
                        (
                            "ממשקים מאובטחים ותקניים עם רוב השותפים: רשויות, משרדים וספקים",
                            "Secure, standard interfaces with most partners: local authorities, ministries and providers",
                            "واجهات آمنة وقياسية مع معظم الشركاء: السلطات المحلية والوزارات ومقدمو الخدمات",
                        ),
                        (
                            "'פעם אחת בלבד': האזרח לא נדרש למסור שוב מידע שכבר קיים בממשלה",
                            "'Once only': citizens are not asked again for data the government already holds",
                            "«مرة واحدة فقط»: لا يُطلب من المواطن تقديم بيانات تملكها الحكومة أصلًا",
                        ),
                    ],
                    (
                        "רשימת הממשקים עם רשויות מקומיות, משרדי ממשלה ונותני שירותים.",
                        "the list of interfaces with local authorities, ministries and service providers.",
                        "قائمة الواجهات مع السلطات المحلية والوزارات الحكومية ومقدمي الخدمات.",
                    ),
                    (
                        "דרגו את העברת המידע, עם רשימת הממשקים עם הגורמים האחרים",
                        "Rate data exchange, with the list of interfaces with other bodies",
                        "قيّموا تبادل البيانات، مع قائمة الواجهات مع الجهات الأخرى",
                    ),
                ),
                _maturity(
                    "shared-components",
                    (
                        "הארגון משתמש ברכיבים ממשלתיים משותפים ובתקנים פתוחים",
                        "The organisation reuses shared government components and open standards",
                        "المنظمة تستخدم مكونات حكومية مشتركة ومعايير مفتوحة",
                    ),
                    [
                        (
                            "כל מערכת בונה הכול מחדש",
                            "Every system builds everything anew",
                            "كل نظام يبني كل شيء من جديد",
                        ),
                        (
                            "שימוש מזדמן ברכיבים משותפים",
                            "Occasional use of shared components",
                            "استخدام عرضي لمكونات مشتركة",
                        ),
                        (
                            "רכיבים משותפים (הזדהות, תשלומים) בחלק מהשירותים",
                            "Shared components (identification, payments) in some services",
                            "مكونات مشتركة (التعريف، المدفوعات) في بعض الخدمات",
                        ),
                        (
                            "רכיבים משותפים ותקנים פתוחים הם ברירת המחדל",
                            "Shared components and open standards are the default",
                            "المكونات المشتركة والمعايير المفتوحة هي الخيار الافتراضي",
                        ),
                        (
                            "הארגון גם מספק רכיבים ונתונים פתוחים לשימוש של אחרים",
                            "The organisation also provides components and open data for others to use",
                            "المنظمة توفّر أيضًا مكونات وبيانات مفتوحة ليستخدمها الآخرون",
                        ),
                    ],
                    (
                        "השירותים שמשתמשים ברכיבים ממשלתיים משותפים ומאגרי מידע פתוחים שפורסמו.",
                        "services using shared government components and open datasets published.",
                        "الخدمات التي تستخدم مكونات حكومية مشتركة، ومجموعات البيانات المفتوحة المنشورة.",
                    ),
                    (
                        "דרגו את השימוש ברכיבים משותפים, עם רשימת השירותים",
                        "Rate the use of shared components, with the list of services",
                        "قيّموا استخدام المكونات المشتركة، مع قائمة الخدمات",
                    ),
                ),
            ],
        ),
        dimension(
            "green",
            ("דיגיטציה ירוקה", "Green digitalisation", "الرقمنة الخضراء"),
            weight=1,
            criteria=[
                _maturity(
                    "green-it",
                    (
                        "הטכנולוגיה מצמצמת את טביעת הרגל הסביבתית",
                        "Technology keeps its environmental footprint down",
                        "التكنولوجيا تقلّل بصمتها البيئية",
                    ),
                    [
                        ("הנושא אינו נשקל", "Not considered", "الموضوع غير مطروح"),
                        (
                            "צעדים נקודתיים, כמו צמצום הדפסות",
                            "One-off steps, such as printing less",
                            "خطوات متفرقة، مثل تقليل الطباعة",
                        ),
                        (
                            "שיקולים סביבתיים ברכש ציוד ובאירוח",
                            "Environmental criteria in buying equipment and hosting",
                            "اعتبارات بيئية في شراء المعدات والاستضافة",
                        ),
                        (
                            "מדיניות ירוקה לרכש, לאירוח בענן ולמחזור ציוד",
                            "A green policy for procurement, cloud hosting and equipment recycling",
                            "سياسة خضراء للشراء والاستضافة السحابية وإعادة تدوير المعدات",
                        ),
                        (
                            "הטביעה נמדדת, ויש יעדי הפחתה שנבדקים",
                            "The footprint is measured, with reduction targets that are tracked",
                            "تُقاس البصمة، وتوجد أهداف خفض تتم متابعتها",
                        ),
                    ],
                    (
                        "מדיניות הרכש, תנאי האירוח ונתוני צריכה אם יש.",
                        "the procurement policy, hosting terms and consumption figures where available.",
                        "سياسة الشراء، وشروط الاستضافة، وبيانات الاستهلاك إن وُجدت.",
                    ),
                    (
                        "דרגו את הדיגיטציה הירוקה, עם מדיניות הרכש ונתוני הצריכה",
                        "Rate green IT, with the procurement policy and consumption figures",
                        "قيّموا تكنولوجيا المعلومات الخضراء، مع سياسة الشراء وبيانات الاستهلاك",
                    ),
                ),
                _maturity(
                    "paperless-remote",
                    (
                        "תהליכים בלי נייר ובלי נסיעות מיותרות",
                        "Processes without paper or needless travel",
                        "عمليات بلا ورق وبلا تنقلات غير ضرورية",
                    ),
                    [
                        (
                            "רוב התהליכים בנייר ודורשים הגעה פיזית",
                            "Most processes are on paper and need a visit in person",
                            "معظم العمليات ورقية وتتطلب حضورًا شخصيًا",
                        ),
                        ("חלק מהטפסים מקוונים", "Some forms are online", "بعض النماذج متاحة عبر الإنترنت"),
                        (
                            "רוב הפניות והטפסים מקוונים",
                            "Most requests and forms are online",
                            "معظم الطلبات والنماذج متاحة عبر الإنترنت",
                        ),
                        (
                            "תהליכים דיגיטליים מקצה לקצה ושירות מרחוק כחלופה",
                            "End-to-end digital processes and remote service as an option",
                            "عمليات رقمية من البداية إلى النهاية وخدمة عن بُعد كبديل",
                        ),
                        (
                            "צריכת הנייר והנסיעות נמדדת ופוחתת לפי יעד",
                            "Paper and travel are measured and falling to a target",
                            "يُقاس استهلاك الورق والتنقلات وينخفض وفق هدف محدد",
                        ),
                    ],
                    (
                        "רשימת התהליכים המקוונים, השירותים הניתנים מרחוק ונתוני צריכה.",
                        "the list of online processes, services given remotely and consumption figures.",
                        "قائمة العمليات الإلكترونية، والخدمات المقدمة عن بُعد، وبيانات الاستهلاك.",
                    ),
                    (
                        "דרגו את הצמצום בנייר ובנסיעות, עם רשימת התהליכים המקוונים",
                        "Rate the move away from paper and travel, with the list of online processes",
                        "قيّموا التخلص من الورق والتنقلات، مع قائمة العمليات الإلكترونية",
                    ),
                ),
            ],
        ),
    ],
)


RUBRICS = [
    STAGE_A_EXIT,
    STAGE_B1_EXIT,
    STAGE_B2_EXIT,
    STAGE_C_HEALTH,
    STAGE_D_EXIT,
    STAGE_B1_READINESS,
    STAGE_B2_READINESS,
    STAGE_C_READINESS,
    STAGE_D_READINESS,
    BRIDGING,
    INITIATIVE_SCALE_READINESS,
    OPPORTUNITY_PILOT_READINESS,
    ORGANIZATION_MATURITY,
]
