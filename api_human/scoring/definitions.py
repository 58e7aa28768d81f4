"""The catalogue of published rubrics (loaded by ``catalogue.sync_catalogue``). Texts are (Hebrew, English).

Sources: the operating model of the stages and what each produces (README, "Stages of an engagement" and
"Scores"; the formula in docs/scoring.md), the EU public-sector Digital Maturity
Assessment dimensions, UK service-assessment gates, technology readiness levels and the
programme-sustainability assessment (funding, partnerships, organisational capacity, evaluation,
adaptation, communication, strategic planning).
"""

YES_NO = {"floor": 0, "target": 1}


def auto(
    key,
    text,
    *,
    metric,
    floor=0,
    target=1,
    weight=1,
    critical=False,
    pass_level=1,
    guidance=("", ""),
    partner=False,
):
    """A criterion measured from the data: ``metric`` normalised between ``floor`` (0) and ``target`` (1)."""
    return {
        "key": key,
        "text": list(text),
        "guidance": list(guidance),
        "weight": weight,
        "critical": critical,
        "pass_level": pass_level,
        "partner_actionable": partner,
        "metric": metric,
        "floor": floor,
        "target": target,
    }


def manual(
    key,
    text,
    *,
    anchors,
    validity_days=365,
    weight=1,
    critical=False,
    pass_level=0.67,
    guidance=("", ""),
    partner=False,
):
    """A criterion the team rates with evidence on labelled anchors ``[(value, he, en), ...]``."""
    return {
        "key": key,
        "text": list(text),
        "guidance": list(guidance),
        "weight": weight,
        "critical": critical,
        "pass_level": pass_level,
        "partner_actionable": partner,
        "anchors": [{"value": v, "label_he": he, "label_en": en} for v, he, en in anchors],
        "validity_days": validity_days,
    }


def dimension(key, name, *, criteria, weight=1, floor=0):
    return {"key": key, "name": list(name), "weight": weight, "floor": floor, "criteria": criteria}


def rubric(key, name, *, subject_type, kind, dimensions, stage="", threshold=75, description=("", "")):
    return {
        "key": key,
        "name": list(name),
        "description": list(description),
        "subject_type": subject_type,
        "kind": kind,
        "stage": stage,
        "threshold": threshold,
        "dimensions": dimensions,
    }


# A four-level scale used by many manual criteria.
LEVELS = [
    (0, "לא קיים", "Absent"),
    (1, "ראשוני", "Initial"),
    (2, "חלקי", "Partial"),
    (3, "מבוסס", "Established"),
]


def steps(*labels):
    """Anchors numbered 0, 1, 2, … from ``(he, en)`` pairs, lowest level first."""
    return [(value, he, en) for value, (he, en) in enumerate(labels)]


# "Met from" levels for manual scales (a rating is normalised as value ÷ top value). Pass levels are stored
# with two decimals, so a 0–3 scale uses 0.66 to count the anchor 2 as met (2 ÷ 3 = 0.667 < 0.67, so the
# default 0.67 would demand the top anchor); a 0–4 scale counts the anchor 2 as met from 0.5.
MET_2_OF_3 = 0.66
MET_2_OF_4 = 0.5

RATE = (
    "הצוות מדרג ומצרף ראיה, למשל: ",
    "The team rates it and attaches evidence, e.g. ",
)


def rate(he, en):
    """Guidance for a manual criterion: what counts as evidence."""
    return (RATE[0] + he, RATE[1] + en)


# ------------------------------------------------------------------------------------------------
# Stage A exit
# ------------------------------------------------------------------------------------------------
STAGE_A_EXIT = rubric(
    "stage-a-exit",
    ("קריטריוני יציאה משלב א׳", "Stage A exit criteria"),
    description=(
        "האם מושא השינוי, מוקדי השינוי והדרכים להגיע אליהם מוגדרים דיים כדי להתקדם.",
        "Are the change object, the change foci and the ways to reach them defined well enough to move on.",
    ),
    subject_type="stage",
    kind="exit",
    stage="A",
    threshold=75,
    dimensions=[
        dimension(
            "design",
            ("תכנון השינוי", "Change design"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "change-object",
                    ("מושא השינוי מוגדר", "The change object is defined"),
                    metric="core.change_object_defined",
                    critical=True,
                    weight=2,
                    guidance=(
                        "בעמוד המיזם: ארגון (למשל המשרד), מגזר (למשל רשויות מקומיות) או סוגיה חברתית.",
                        "On the engagement page: an organisation (e.g. the ministry), a sector (e.g. local authorities) or a social issue.",
                    ),
                ),
                auto(
                    "desired-current",
                    (
                        "המציאות הנשאפת ואבחון המצב הקיים כתובים",
                        "The desired reality and the current state are written",
                    ),
                    metric="stages.desired_and_current_state",
                    guidance=(
                        "בעמוד תכנון השינוי; נדרשים שני התיאורים, כי הפער ביניהם הוא מקור מוקדי השינוי.",
                        "On the change-design page; both are needed, since the gap between them yields the change foci.",
                    ),
                ),
                auto(
                    "change-foci",
                    ("מוקדי שינוי הוגדרו", "Change foci are defined"),
                    metric="stages.change_foci",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "כל מוקד שינוי נגזר מפער בין הרצוי לקיים. שניים לפחות נחשבים עמידה; עדיף מעט מוקדים ברורים על פני רבים.",
                        "Each focus comes from a gap between desired and current. Two or more count as met; a few clear foci beat many.",
                    ),
                ),
                auto(
                    "theory-of-change",
                    ("תאוריית שינוי או מודל לוגי", "A theory of change or logic model"),
                    metric="stages.theory_of_change",
                    pass_level=0.8,
                    guidance=(
                        "תאוריית שינוי כתובה, או מודל לוגי מלא: תשומות, פעילויות, תפוקות, תוצאות והשפעה.",
                        "A written theory of change, or a full logic model: inputs, activities, outputs, outcomes and impact.",
                    ),
                ),
            ],
        ),
        dimension(
            "goals",
            ("יעדים ומדידה", "Goals and measurement"),
            weight=2,
            criteria=[
                auto(
                    "goals-measured",
                    ("לכל יעד מדד הצלחה עם מדידה", "Every goal has a success metric that was measured"),
                    metric="stages.goals_measured",
                    pass_level=0.8,
                    weight=2,
                    guidance=(
                        "לכל יעד בתכנון השינוי: מדד הצלחה עם ערך בסיס, ערך יעד ומדידה אחת לפחות.",
                        "For each goal in the change design: a success metric with a baseline, a target and at least one measurement.",
                    ),
                ),
                auto(
                    "maturity-diagnostic",
                    ("נערך אבחון בשלות דיגיטלית", "A digital-maturity diagnostic was done"),
                    metric="stages.maturity_diagnostic",
                    guidance=(
                        "מילוי שאלון הבשלות הדיגיטלית של הארגון (80% לפחות מהשאלות), או תאריך אבחון בעמוד תכנון השינוי.",
                        "Fill in the organisation's digital-maturity questionnaire (at least 80% answered), or record a diagnostic date on the change-design page.",
                    ),
                ),
            ],
        ),
        dimension(
            "governance",
            ("הובלה ומחויבות", "Governance and commitment"),
            weight=2,
            criteria=[
                auto(
                    "steering-committee",
                    ("ועדת היגוי פועלת", "A steering committee works"),
                    metric="core.steering_committee",
                    critical=True,
                    guidance=(
                        "צוות מסוג ועדת היגוי בעמוד המיזם, עם חברים ובלי תאריך פירוק.",
                        "A team of kind steering committee on the engagement page, with members and no dissolution date.",
                    ),
                ),
                manual(
                    "management-commitment",
                    (
                        "הנהלת המשרד שותפה להגדרות ומחויבת להן",
                        "Ministry management shares and backs the definitions",
                    ),
                    anchors=steps(
                        ("ההגדרות לא הוצגו להנהלה", "The definitions were not presented to management"),
                        ("הוצגו, בלי תגובה ברורה", "Presented, without a clear response"),
                        ("אושרו עקרונית בוועדת ההיגוי", "Endorsed in principle by the steering committee"),
                        ("אושרו והוקצו להן אנשים ומשאבים", "Endorsed, with people and resources assigned"),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    guidance=rate(
                        "פרוטוקול ועדת היגוי או החלטת הנהלה.",
                        "steering-committee minutes or a management decision.",
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
    ("קריטריוני יציאה משלב ב׳1", "Stage B1 exit criteria"),
    description=(
        "האם העמימות של חיבור שני העולמות הפכה לעמימות מובנת: עקרונות וגבולות ברורים ומתחים מנוהלים.",
        "Has the ambiguity of joining the two worlds become structured: clear principles and boundaries, managed tensions.",
    ),
    subject_type="stage",
    kind="exit",
    stage="B1",
    threshold=75,
    dimensions=[
        dimension(
            "principles",
            ("עקרונות וגבולות", "Principles and boundaries"),
            weight=2,
            criteria=[
                auto(
                    "working-principles",
                    ("עקרונות עבודה וגבולות סוכמו", "Working principles and boundaries are agreed"),
                    metric="stages.working_principles",
                    target=4,
                    pass_level=0.75,
                    guidance=(
                        "ברשימת עקרונות העבודה של המיזם, למשל: חלום גדול משותף, עצימות גבוהה בפתיחה, מענה לכמה צרכים, לגיטימיות למתחים.",
                        "In the engagement's working principles, e.g. a shared big dream, high intensity at the start, several needs per initiative, tensions are legitimate.",
                    ),
                ),
                auto(
                    "big-dream",
                    ("לכל יוזמה פעילה חלום גדול משותף", "Every active initiative has a shared big dream"),
                    metric="initiatives.big_dream_share",
                    pass_level=0.8,
                    guidance=(
                        "השדה 'החלום הגדול המשותף' בכרטיס היוזמה, שנוסח יחד עם אנשי שני העולמות.",
                        "The 'shared big dream' field on the initiative, written together with people from both worlds.",
                    ),
                ),
            ],
        ),
        dimension(
            "tensions",
            ("ניהול מתחים", "Managing tensions"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "tensions-legitimised",
                    ("המתחים שעלו קיבלו לגיטימציה", "Raised tensions are legitimised"),
                    metric="tensions.legitimised_share",
                    pass_level=0.8,
                    guidance=(
                        "מתח שנדון בגלוי מתקדם ברשימת המתחים מעבר למצב 'הועלה'.",
                        "A tension discussed openly moves past 'raised' in the tension list.",
                    ),
                ),
                auto(
                    "tensions-criteria",
                    ("למתחים הפתוחים יש קריטריונים להחלטה", "Open tensions have decision criteria"),
                    metric="tensions.open_with_criteria",
                    pass_level=0.8,
                    guidance=(
                        "קריטריון להחלטה בכרטיס המתח, ועדיף בחשיבה של 'גם וגם' ולא 'או-או'.",
                        "A decision criterion on the tension, preferably 'both-and' rather than 'either-or'.",
                    ),
                ),
                auto(
                    "no-long-blocking",
                    ("אין מתח שחוסם התקדמות זמן רב מדי", "No tension blocks progress for too long"),
                    metric="tensions.blocking_too_long",
                    floor=2,
                    target=0,
                    critical=True,
                    weight=2,
                    guidance=(
                        "נספרים מתחים פתוחים שחוסמים יותר מתקופת ההתראה (ברירת המחדל: 14 יום). זה הזמן 'לקפוץ למים': להכריע, לעקוף או להעלות לוועדת ההיגוי.",
                        "Counts open tensions blocking longer than the alert period (14 days by default). Time to 'jump into the water': decide, work around it or take it to the steering committee.",
                    ),
                ),
            ],
        ),
        dimension(
            "ambiguity",
            ("עמימות מובנת", "Structured ambiguity"),
            weight=2,
            criteria=[
                manual(
                    "act-in-ambiguity",
                    (
                        "הצוותים פועלים בביטחון בתוך העמימות ומדברים בגלוי על אי-הוודאות",
                        "Teams act with confidence within the ambiguity and discuss uncertainty openly",
                    ),
                    anchors=steps(
                        ("אי-הוודאות משתקת או מוסתרת", "Uncertainty paralyses the work or is hidden"),
                        ("אי-הוודאות עולה רק במשברים", "Uncertainty comes up only in crises"),
                        (
                            "נדונה בגלוי בצוות המוביל, פחות בצוותי העבודה",
                            "Discussed openly in the leading team, less in work teams",
                        ),
                        (
                            "נדונה בגלוי בכל הצוותים, והחלטות מתקבלות למרותה",
                            "Discussed openly in all teams, and decisions are made despite it",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    guidance=rate(
                        "סיכומי פגישות, משוב מבעלי תפקידים או דוגמאות להחלטות שהתקבלו בלי ודאות מלאה.",
                        "meeting notes, feedback from role holders, or examples of decisions taken without full certainty.",
                    ),
                ),
                manual(
                    "high-intensity-start",
                    (
                        "יוזמות חדשות יוצאות לדרך בעצימות גבוהה של שני העולמות",
                        "New initiatives start with high intensity from both worlds",
                    ),
                    anchors=steps(
                        (
                            "יוזמות מתחילות בלי זמן מוקצה של אנשי המשרד",
                            "Initiatives start with no ministry time assigned",
                        ),
                        ("רק צד אחד משקיע", "Only one side invests"),
                        ("שני העולמות משקיעים, בלי קצב קבוע", "Both worlds invest, without a steady rhythm"),
                        (
                            "צוות משותף נפגש בקצב צפוף וקבוע מתחילת היוזמה",
                            "A joint team meets often and regularly from the start",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "רישומי העצימות של היוזמות ולוח הפגישות של הצוותים המשותפים.",
                        "the initiatives' intensity records and the joint teams' meeting schedule.",
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
    ("קריטריוני יציאה משלב ב׳2", "Stage B2 exit criteria"),
    description=(
        "האם עולם הדיגיטל הרלוונטי מופה, מידע וצרכים זורמים בשני הכיוונים ונמצאו יוזמות ראשונות לעבודה משותפת.",
        "Is the relevant digital world mapped, do information and needs flow both ways, and are there first initiatives for joint work.",
    ),
    subject_type="stage",
    kind="exit",
    stage="B2",
    threshold=70,
    dimensions=[
        dimension(
            "mapping",
            ("מיפוי ונוכחות בעולם הדיגיטל", "Mapping and presence in the digital world"),
            weight=2,
            criteria=[
                auto(
                    "organizations-mapped",
                    (
                        "ארגוני עולם הדיגיטל הרלוונטיים מופו",
                        "Relevant digital-world organisations are mapped",
                    ),
                    metric="opportunities.organizations_mapped",
                    target=15,
                    pass_level=0.8,
                    guidance=(
                        "ארגונים מעולם הדיגיטל ששויכו למיזם או שתועדו בפעילויות גישוש: סטארט-אפים, חברות, טק חברתי, חממות וגופי דיגיטל ממשלתיים.",
                        "Digital-world organisations linked to the engagement or recorded in scouting: startups, companies, social-tech, incubators, government digital bodies.",
                    ),
                ),
                auto(
                    "channels-used",
                    ("נעשה שימוש במגוון ערוצי גישוש", "A range of scouting channels is used"),
                    metric="opportunities.channels_used",
                    target=4,
                    pass_level=0.75,
                    guidance=(
                        "סוגי פעילויות הגישוש: כנסים, ימי עיון, האקתונים, מכרזי אתגר, RFI, כנסי ספקים, שיפוט בקרנות, ביקורים בחממות ומפגשי רשתות.",
                        "Kinds of scouting activity: conferences, study days, hackathons, challenge tenders, RFIs, vendor conferences, fund judging, incubator visits, network meetings.",
                    ),
                ),
                manual(
                    "digital-presence",
                    (
                        "הצוות נוכח בקביעות בעולם הדיגיטל",
                        "The team is regularly present in the digital world",
                    ),
                    anchors=steps(
                        ("אין נוכחות", "No presence"),
                        ("השתתפות מזדמנת באירועים", "Occasional attendance at events"),
                        ("נוכחות קבועה בכמה ערוצים", "Regular presence in several channels"),
                        (
                            "הצוות מוכר בקהילה ומוזמן לשפוט, להנחות ולהרצות",
                            "The team is known in the community and invited to judge, mentor and speak",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "פעילויות גישוש מתועדות, הזמנות לשפוט בקרנות או להנחות בהאקתונים ופניות יזומות מעולם הדיגיטל.",
                        "recorded scouting, invitations to judge funds or mentor at hackathons, and approaches initiated by the digital world.",
                    ),
                ),
            ],
        ),
        dimension(
            "flow",
            ("הזרמת מידע וצרכים", "Flow of information and needs"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "flow-both-ways",
                    ("ידע זורם בשני הכיוונים", "Knowledge flows both ways"),
                    metric="opportunities.flow_directions",
                    target=2,
                    critical=True,
                    weight=2,
                    guidance=(
                        "זרימות ידע במצב 'זורם' גם מהרווחה לדיגיטל (צרכים, רגולציה, כללי נתונים, דרכי רכש) וגם מהדיגיטל לרווחה (טכנולוגיות, פרקטיקות, שירותים קיימים).",
                        "Knowledge flows marked 'flowing' both from welfare to digital (needs, regulation, data rules, procurement) and from digital to welfare (technologies, practices, existing services).",
                    ),
                ),
                auto(
                    "broadcasts-published",
                    ("צרכים הוזרמו לעולם הדיגיטל", "Needs were broadcast to the digital world"),
                    metric="opportunities.broadcasts_published",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "הזרמות צורך (אתגרים) שפורסמו לשותפים; טיוטות אינן נספרות.",
                        "Broadcasts (challenges) published to partners; drafts do not count.",
                    ),
                ),
            ],
        ),
        dimension(
            "first-initiatives",
            ("יוזמות ראשונות", "First initiatives"),
            weight=2,
            criteria=[
                auto(
                    "candidate-initiatives",
                    ("נמצאו יוזמות לתחילת עבודה משותפת", "Initiatives to start joint work were found"),
                    metric="initiatives.candidates",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "יוזמות במצב 'בבחינה' ומעלה; שתיים לפחות נחשבות עמידה.",
                        "Initiatives at 'exploring' or beyond; two or more count as met.",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage C exit — processes in both worlds, needs connected to solutions
# ------------------------------------------------------------------------------------------------
STAGE_C_EXIT = rubric(
    "stage-c-exit",
    ("קריטריוני יציאה משלב ג׳", "Stage C exit criteria"),
    description=(
        "האם נבנו מנגנונים, תשתיות ויכולות בשני העולמות, והאם צרכים מחוברים לפתרונות שמוכיחים את עצמם.",
        "Are mechanisms, infrastructures and capabilities built in both worlds, and are needs connected to solutions that prove themselves.",
    ),
    subject_type="stage",
    kind="exit",
    stage="C",
    threshold=70,
    dimensions=[
        dimension(
            "mechanisms",
            ("מנגנונים ותשתיות בשני העולמות", "Mechanisms and infrastructures in both worlds"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "mechanism-cells",
                    (
                        "יש מנגנונים פועלים בקטגוריות השונות בשני העולמות",
                        "Working mechanisms exist across categories in both worlds",
                    ),
                    metric="stages.mechanism_cells",
                    target=0.7,
                    pass_level=0.8,
                    critical=True,
                    weight=2,
                    guidance=(
                        "חלק מ-14 התאים (7 קטגוריות × 2 עולמות) שיש בהם מנגנון במצב 'פועל' או 'ממוסד'. בעולם הדיגיטל חלק מהקטגוריות פחות רלוונטיות, ולכן היעד הוא כ-10 תאים, ו-8 נחשבים עמידה.",
                        "Share of the 14 cells (7 categories × 2 worlds) holding an established or institutionalised mechanism. Some categories matter less in the digital world, so the target is about 10 cells and 8 count as met.",
                    ),
                ),
                auto(
                    "world-balance",
                    ("איזון בין המנגנונים בשני העולמות", "Mechanisms are balanced between the worlds"),
                    metric="stages.world_balance",
                    target=0.8,
                    pass_level=0.75,
                    guidance=(
                        "מספר המנגנונים בעולם החלש חלקי מספרם בעולם החזק. שינוי בר-קיימא דורש לפתח את שני העולמות, לא רק את המשרד.",
                        "Mechanisms in the weaker world divided by those in the stronger one. Lasting change needs both worlds developed, not only the ministry.",
                    ),
                ),
            ],
        ),
        dimension(
            "needs-solutions",
            ("חיבור צרכים ופתרונות", "Connecting needs and solutions"),
            weight=3,
            criteria=[
                auto(
                    "needs-in-pilot",
                    (
                        "צרכים מחוברים לפתרון בפיילוט ומעלה",
                        "Needs are connected to a solution in pilot or beyond",
                    ),
                    metric="initiatives.needs_in_pilot",
                    target=0.5,
                    pass_level=0.8,
                    guidance=(
                        "חלק הצרכים (שלא נזנחו) שמחוברים ליוזמה בפיילוט, בהרחבה או בהפעלה שוטפת. היעד הוא מחצית, ו-40% נחשבים עמידה.",
                        "Share of needs (not dropped) linked to an initiative in pilot, scaling or sustained. The target is half; 40% counts as met.",
                    ),
                ),
                auto(
                    "pilots-kpis",
                    ("הפיילוטים עומדים במדדים שנקבעו להם", "Pilots meet their KPIs"),
                    metric="initiatives.pilots_meeting_kpis",
                    pass_level=0.7,
                    guidance=(
                        "מדדי פיילוט שנמדדו והגיעו ליעד, מכלל מדדי הפיילוט שנמדדו במיזם.",
                        "Measured pilot KPIs that reached their target, out of all measured pilot KPIs in the engagement.",
                    ),
                ),
            ],
        ),
        dimension(
            "results",
            ("תוצאות ושיטות עבודה", "Results and ways of working"),
            weight=2,
            criteria=[
                auto(
                    "metrics-on-target",
                    ("מדדי ההצלחה הגיעו ליעד", "Success metrics reached their target"),
                    metric="stages.metrics_on_target",
                    pass_level=0.7,
                    weight=2,
                    guidance=(
                        "מדדי ההצלחה של היעדים משלב א׳ שהמדידה האחרונה שלהם הגיעה ליעד.",
                        "Success metrics of the stage A goals whose latest measurement reached the target.",
                    ),
                ),
                manual(
                    "methods-in-use",
                    (
                        "שיטות העבודה החדשות בשימוש שוטף במשרד",
                        "The new work methods are in everyday use in the ministry",
                    ),
                    anchors=steps(
                        ("השיטות לא נוסו", "The methods were not tried"),
                        ("נוסו ביוזמה אחת, בליווי הצוות", "Tried in one initiative, with the team's support"),
                        ("בשימוש בכמה אגפים", "Used in several divisions"),
                        ("דרך העבודה המקובלת בפרויקטים חדשים", "The usual way of working in new projects"),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    guidance=rate(
                        "דוגמאות לתכנון שירות ממוקד אדם ולמסעות לקוח, צוותי 'שניים בקופסה' וניהול מבוסס נתונים.",
                        "examples of human-centred service design and customer journeys, 'two in a box' pairs and data-driven management.",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# Stage D exit — the exit review (the last gate)
# ------------------------------------------------------------------------------------------------
def _sustainability(key, text, anchors, he, en):
    return manual(
        key, text, anchors=steps(*anchors), pass_level=MET_2_OF_3, validity_days=365, guidance=rate(he, en)
    )


STAGE_D_EXIT = rubric(
    "stage-d-exit",
    ("הערכת מצב לפרידה: קריטריוני יציאה משלב ד׳", "Exit review: stage D exit criteria"),
    description=(
        "האם התשתיות חזקות דיין והמשרד יכול לקיים את השינוי לאורך זמן, כולל קשר עצמאי עם עולם הדיגיטל. "
        "ההחלטה: להמשיך, לעבור לשלב הבא או להיפרד עם תוכנית העברה.",
        "Are the infrastructures strong enough for the ministry to sustain the change over time, including its own "
        "connection with the digital world. The decision: continue, move to a next stage, or farewell with a handover plan.",
    ),
    subject_type="stage",
    kind="exit",
    stage="D",
    threshold=80,
    dimensions=[
        dimension(
            "perceptual-change",
            ("ניצנים של שינוי תפיסתי", "Buds of perceptual change"),
            weight=2,
            criteria=[
                auto(
                    "change-signals",
                    ("תועדו ניצנים של שינוי תפיסתי", "Buds of perceptual change are recorded"),
                    metric="stages.change_signals",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "למשל פרדיגמה חדשה על מתי והיכן ניתנים שירותים חברתיים. כל ניצן מתועד עם דוגמה ומקור.",
                        "E.g. a new paradigm about when and where social services are given. Record each with an example and a source.",
                    ),
                ),
                auto(
                    "publications",
                    (
                        "ההצלחות פורסמו במערכת האקולוגית המשותפת",
                        "Successes are published in the shared ecosystem",
                    ),
                    metric="stages.publications",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "פרסומים, הרצאות ומסמכי ידע על הצלחות המיזם, ברשימת הפרסומים.",
                        "Publications, talks and knowledge documents about the engagement's successes, in the publications list.",
                    ),
                ),
            ],
        ),
        dimension(
            "infrastructure",
            ("חוזק התשתיות", "Strength of the infrastructures"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "unmediated-institutionalised",
                    ("המנגנונים פועלים בלי תיווך", "Mechanisms work without mediation"),
                    metric="stages.unmediated_institutionalised",
                    pass_level=0.75,
                    critical=True,
                    weight=2,
                    guidance=(
                        "חלק המנגנונים הפועלים שמסומנים כפועלים בלי תיווך של הצוות. שלושה רבעים לפחות נדרשים לפרידה.",
                        "Share of established mechanisms marked as working without the team's mediation. At least three quarters are needed for farewell.",
                    ),
                ),
                manual(
                    "infrastructure-strength",
                    (
                        "המנגנונים והתשתיות עומדים בזכות עצמם",
                        "Mechanisms and infrastructures stand on their own",
                    ),
                    anchors=steps(
                        ("המנגנונים תלויים בצוות", "The mechanisms depend on the team"),
                        ("פועלים רק בליווי צמוד של הצוות", "They work only with the team's close support"),
                        ("רובם פועלים לבד, חלקם עדיין שבירים", "Most work alone; some are still fragile"),
                        (
                            "כולם פועלים לבד, עם בעלים, נהלים ותקציב",
                            "All work alone, with owners, procedures and a budget",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    weight=2,
                    guidance=rate(
                        "מפת המנגנונים, ולכל מנגנון מרכזי: מי הבעלים, באיזה נוהל הוא מעוגן ומאיזה תקציב הוא ממומן.",
                        "the mechanism map, and for each key mechanism: who owns it, which procedure anchors it and which budget funds it.",
                    ),
                ),
                manual(
                    "capability-strength",
                    (
                        "היכולות והידע נמצאים אצל אנשי המשרד",
                        "Capabilities and know-how sit with ministry staff",
                    ),
                    anchors=steps(
                        (
                            "הידע והמיומנויות נמצאים אצל הצוות בלבד",
                            "Know-how and skills sit with the team only",
                        ),
                        (
                            "בעלי תפקידים בודדים במשרד שולטים בשיטות",
                            "A few ministry role holders master the methods",
                        ),
                        (
                            "צוותים במשרד מפעילים את השיטות בעצמם",
                            "Ministry teams apply the methods on their own",
                        ),
                        (
                            "המשרד מכשיר בעצמו עובדים חדשים בשיטות",
                            "The ministry trains new staff in the methods itself",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    guidance=rate(
                        "הכשרות שהמשרד מקיים בעצמו, פורומים קבועים (כמו נאמני ידע או BUILT) וחונכות של בעלי תפקידים.",
                        "training the ministry runs itself, permanent forums (such as knowledge trustees or BUILT) and mentoring of role holders.",
                    ),
                ),
            ],
        ),
        dimension(
            "sustainability",
            ("קיימות השינוי", "Sustainability of the change"),
            weight=3,
            criteria=[
                _sustainability(
                    "sustain-funding",
                    ("מימון יציב להמשך השינוי", "Stable funding sustains the change"),
                    [
                        ("תלוי במימון המיזם בלבד", "Depends on the venture's funding only"),
                        ("זוהו מקורות חלופיים, בלי התחייבות", "Other sources identified, with no commitment"),
                        (
                            "חלק מהפעילות ממומן מתקציב המשרד השוטף",
                            "Part of the activity is funded from the ministry's regular budget",
                        ),
                        (
                            "הפעילות ממומנת מתקציב המשרד לשנים הבאות, כולל תקנים",
                            "The activity is funded from the ministry's budget for the coming years, positions included",
                        ),
                    ],
                    "סעיפי תקציב, תקנים מאושרים או הסכמי מימון.",
                    "budget lines, approved positions or funding agreements.",
                ),
                _sustainability(
                    "sustain-partnerships",
                    (
                        "שותפויות בשני העולמות תומכות בהמשך",
                        "Partnerships in both worlds support what comes next",
                    ),
                    [
                        (
                            "הקשרים אישיים ועוברים דרך הצוות בלבד",
                            "Relationships are personal and run through the team only",
                        ),
                        (
                            "שותפויות פעילות סביב יוזמות בודדות",
                            "Partnerships are active around single initiatives",
                        ),
                        ("שותפויות קבועות עם גופים מרכזיים", "Standing partnerships with key bodies"),
                        (
                            "שותפויות מעוגנות בהסכמים ובפורומים, ומתחדשות בלי תיווך",
                            "Partnerships anchored in agreements and forums, renewed without mediation",
                        ),
                    ],
                    "הסכמים, פורומים משותפים ושותפים פעילים, למשל מערך הדיגיטל הלאומי, ארגוני חברה אזרחית וחברות.",
                    "agreements, joint forums and active partners, e.g. the National Digital Agency, civil-society organisations and companies.",
                ),
                _sustainability(
                    "sustain-capacity",
                    (
                        "למשרד יש יכולת ארגונית להמשיך לבד",
                        "The ministry has the organisational capacity to carry on alone",
                    ),
                    [
                        ("אין מי שמחזיק את הנושא", "Nobody holds the subject"),
                        (
                            "בעלי תפקידים בודדים, בלי סמכות או זמן",
                            "A few role holders, without authority or time",
                        ),
                        (
                            "יחידה או פורום אחראיים, עם פערי כוח אדם",
                            "A responsible unit or forum, with staffing gaps",
                        ),
                        (
                            "יחידה מאוישת, רפרנטים דיגיטליים באגפים ותהליכים קבועים",
                            "A staffed unit, digital referents in divisions and standing processes",
                        ),
                    ],
                    "מבנה ארגוני, כתבי מינוי ותיאורי תפקיד.",
                    "the organisation chart, letters of appointment and role descriptions.",
                ),
                _sustainability(
                    "sustain-evaluation",
                    (
                        "המשרד מודד ומעריך את השינוי בעצמו",
                        "The ministry measures and evaluates the change itself",
                    ),
                    [
                        ("אין מדידה", "No measurement"),
                        ("מדידה חד-פעמית או בידי הצוות בלבד", "One-off measurement, or by the team only"),
                        (
                            "מדדים נאספים באופן שוטף בחלק מהתחומים",
                            "Metrics are collected routinely in some areas",
                        ),
                        (
                            "מדידה שוטפת והערכה שמשמשות להחלטות",
                            "Routine measurement and evaluation that inform decisions",
                        ),
                    ],
                    "לוחות מחוונים, דוחות הערכה והחלטות שהתקבלו בעקבותיהם.",
                    "dashboards, evaluation reports and the decisions taken from them.",
                ),
                _sustainability(
                    "sustain-adaptation",
                    ("המשרד מתאים את הפעילות לשינויים", "The ministry adapts the work to change"),
                    [
                        ("הפעילות קפואה", "The work is frozen"),
                        ("שינויים רק בתגובה למשבר", "Changes only in response to a crisis"),
                        (
                            "בחינה ועדכון תקופתיים של חלק מהיוזמות",
                            "Some initiatives are reviewed and updated periodically",
                        ),
                        (
                            "יוזמות מורחבות, משתנות או נעצרות לפי נתונים",
                            "Initiatives are scaled, changed or stopped based on data",
                        ),
                    ],
                    "דוגמאות ליוזמות ששונו, הורחבו או נעצרו, והנימוק לכך.",
                    "examples of initiatives changed, scaled or stopped, and why.",
                ),
                _sustainability(
                    "sustain-communication",
                    (
                        "השינוי והישגיו מוכרים בפנים ובחוץ",
                        "The change and its results are known inside and out",
                    ),
                    [
                        ("אין תקשורת על השינוי", "No communication about the change"),
                        ("עדכונים פנימיים מזדמנים", "Occasional internal updates"),
                        ("תקשורת קבועה בתוך המשרד", "Regular communication within the ministry"),
                        (
                            "תקשורת קבועה בפנים ובחוץ, גם מול עולם הדיגיטל והציבור",
                            "Regular communication inside and out, including the digital world and the public",
                        ),
                    ],
                    "ערוצי עדכון, פרסומים ואירועים שהמשרד מקיים.",
                    "update channels, publications and events the ministry holds.",
                ),
                _sustainability(
                    "sustain-planning",
                    (
                        "השינוי מעוגן בתכנון האסטרטגי של המשרד",
                        "The change is anchored in the ministry's strategic planning",
                    ),
                    [
                        ("לא מופיע בתוכניות", "Absent from the plans"),
                        ("מוזכר באופן כללי", "Mentioned in general terms"),
                        ("מופיע בתוכניות העבודה של חלק מהאגפים", "Included in some divisions' workplans"),
                        (
                            "מעוגן באסטרטגיה ובתוכניות העבודה, עם יעדים ובעלי אחריות",
                            "Anchored in the strategy and workplans, with goals and owners",
                        ),
                    ],
                    "מסמך האסטרטגיה ותוכניות העבודה השנתיות.",
                    "the strategy document and the annual workplans.",
                ),
            ],
        ),
        dimension(
            "digital-connection",
            ("קשר עצמאי של המשרד עם עולם הדיגיטל", "The ministry's own connection with the digital world"),
            weight=2,
            criteria=[
                auto(
                    "ministry-owned-relationships",
                    (
                        "אנשי המשרד מחזיקים את הקשרים עם שותפי עולם הדיגיטל",
                        "Ministry staff hold the relationships with digital-world partners",
                    ),
                    metric="core.ministry_owned_relationships",
                    target=0.8,
                    pass_level=0.75,
                    guidance=(
                        "חלק השותפים מעולם הדיגיטל שאחראי הקשר שלהם בכרטיס הארגון הוא איש המשרד. היעד: 80%.",
                        "Share of digital-world partners whose relationship owner on the organisation record is a ministry person. Target: 80%.",
                    ),
                ),
                manual(
                    "ministry-digital-connection",
                    (
                        "המשרד מקיים בעצמו קשר שוטף עם עולם הדיגיטל",
                        "The ministry keeps up its own connection with the digital world",
                    ),
                    anchors=steps(
                        ("הקשר עובר רק דרך הצוות", "The connection runs only through the team"),
                        (
                            "אנשי המשרד משתתפים בפגישות שהצוות יוזם",
                            "Ministry staff join meetings the team sets up",
                        ),
                        (
                            "אנשי המשרד יוזמים קשרים ומפרסמים אתגרים, בליווי",
                            "Ministry staff start contacts and publish challenges, with support",
                        ),
                        (
                            "המשרד מנהל בעצמו גישוש, הזרמת צרכים וקשר עם שותפים",
                            "The ministry runs scouting, need broadcasts and partner relations itself",
                        ),
                    ),
                    critical=True,
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    guidance=rate(
                        "אתגרים שהמשרד פרסם, פעילויות גישוש שאנשיו הובילו וקשרים חדשים שנוצרו בלי הצוות.",
                        "challenges the ministry published, scouting its people led, and new relationships formed without the team.",
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
    ("מוכנות לכניסה לשלב ב׳1", "Readiness to enter stage B1"),
    description=(
        "האם הוקמו במשרד המבנים שנדרשים בין שלב א׳ לשלב ב׳: צוות מוביל, צוותי עבודה, בעלי תפקידים ובחינה של שילוב מערכות.",
        "Are the structures needed between stages A and B in place in the ministry: a leading team, work teams, role holders and a look at integrating systems.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="B1",
    threshold=75,
    dimensions=[
        dimension(
            "leadership",
            ("הובלה במשרד", "Leadership in the ministry"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "leading-team",
                    ("צוות מוביל פועל במשרד", "A leading team works in the ministry"),
                    metric="core.leading_team",
                    critical=True,
                    weight=2,
                    guidance=(
                        "צוות מסוג צוות מוביל בעמוד המיזם, עם חברים ובלי תאריך פירוק.",
                        "A team of kind leading team on the engagement page, with members and no dissolution date.",
                    ),
                ),
                auto(
                    "steering-committee",
                    ("ועדת היגוי פועלת", "A steering committee works"),
                    metric="core.steering_committee",
                    guidance=(
                        "ועדת ההיגוי משלב א׳ ממשיכה לפעול.",
                        "The steering committee from stage A is still working.",
                    ),
                ),
                auto(
                    "role-holders",
                    ("מונו בעלי תפקידים", "Role holders are appointed"),
                    metric="stages.role_holders",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "בעלי תפקידים עם תאריך מינוי שעדיין מכהנים, למשל מוביל דיגיטלי ורפרנטים באגפים.",
                        "Role holders with an appointment date who are still in office, e.g. a digital lead and division referents.",
                    ),
                ),
            ],
        ),
        dimension(
            "work-teams",
            ("צוותי עבודה לפי תחומי תוכן", "Work teams by content area"),
            weight=2,
            criteria=[
                auto(
                    "work-team-areas",
                    ("לכל תחום תוכן צוות עבודה", "Each content area has a work team"),
                    metric="core.work_team_areas",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "צוותי עבודה פעילים עם תחום תוכן מוגדר; נספרים תחומים שונים, לא צוותים.",
                        "Live work teams with a content area set; distinct areas are counted, not teams.",
                    ),
                ),
            ],
        ),
        dimension(
            "technology",
            ("שילוב מערכות טכנולוגיות", "Integrating technology systems"),
            weight=1,
            criteria=[
                manual(
                    "technology-integration",
                    ("נבחן שילוב של מערכות טכנולוגיות", "Integrating technology systems has been examined"),
                    anchors=steps(
                        ("לא נבחן", "Not examined"),
                        ("מופו המערכות הקיימות", "Existing systems are mapped"),
                        (
                            "נבחנו אפשרויות חיבור עם אגף מערכות המידע",
                            "Integration options were examined with the IT division",
                        ),
                        (
                            "יש החלטה ותוכנית ראשונית לשילוב",
                            "There is a decision and a first integration plan",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=365,
                    guidance=rate(
                        "מיפוי מערכות, סיכום פגישה עם אגף מערכות המידע או תוכנית שילוב.",
                        "a systems map, notes of a meeting with the IT division, or an integration plan.",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_B2_READINESS = rubric(
    "stage-b2-readiness",
    ("מוכנות לכניסה לשלב ב׳2", "Readiness to enter stage B2"),
    description=(
        "האם יש צרכים להזרים, עקרונות עבודה ותוכנית גישוש, כדי לצאת לעולם הדיגיטל.",
        "Are there needs to broadcast, working principles and a scouting plan, so as to go out to the digital world.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="B2",
    threshold=70,
    dimensions=[
        dimension(
            "needs",
            ("צרכים להזרמה", "Needs to broadcast"),
            weight=3,
            criteria=[
                auto(
                    "needs-identified",
                    ("זוהו צרכים", "Needs are identified"),
                    metric="initiatives.needs_identified",
                    target=5,
                    pass_level=0.6,
                    critical=True,
                    guidance=(
                        "צרכים מלמטה (אזרחים, עובדים בשטח) או מלמעלה (פיקוח, הנהלה, דרג פוליטי), עם קטגוריה. שלושה לפחות נחשבים עמידה.",
                        "Needs from the bottom up (citizens, field workers) or top down (supervision, management, political level), with a category. Three or more count as met.",
                    ),
                ),
            ],
        ),
        dimension(
            "ground-rules",
            ("עקרונות עבודה", "Working principles"),
            weight=1,
            criteria=[
                auto(
                    "working-principles",
                    ("סוכמו עקרונות עבודה ראשונים", "First working principles are agreed"),
                    metric="stages.working_principles",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "עקרונות וגבולות ברשימת עקרונות העבודה, שגובשו עם הצוות המוביל.",
                        "Principles and boundaries in the working-principles list, shaped with the leading team.",
                    ),
                ),
            ],
        ),
        dimension(
            "scouting-plan",
            ("תוכנית גישוש", "Scouting plan"),
            weight=2,
            criteria=[
                manual(
                    "scouting-plan",
                    ("יש תוכנית גישוש בעולם הדיגיטל", "There is a plan for scouting the digital world"),
                    anchors=steps(
                        ("אין תוכנית", "No plan"),
                        ("רשימה ראשונית של ארגונים וערוצים", "A first list of organisations and channels"),
                        (
                            "תוכנית עם ערוצים, ארגונים ואחראים",
                            "A plan with channels, organisations and owners",
                        ),
                        (
                            "תוכנית מלאה: ערוצים, ארגונים, אחראים ומה יוזרם לכל כיוון",
                            "A full plan: channels, organisations, owners and what flows each way",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "מסמך התוכנית, או פעילויות גישוש וזרימות ידע במצב 'מתוכנן'.",
                        "the plan document, or scouting activities and knowledge flows marked 'planned'.",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_C_READINESS = rubric(
    "stage-c-readiness",
    ("מוכנות לכניסה לשלב ג׳", "Readiness to enter stage C"),
    description=(
        "האם יש יוזמות עם צוותים משותפים, מתחים מובנים וצרכים שכבר הוזרמו, כדי להתחיל לבנות תהליכים בשני העולמות.",
        "Are there initiatives with joint teams, understood tensions and needs already broadcast, so that building processes in both worlds can start.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="C",
    threshold=70,
    dimensions=[
        dimension(
            "initiatives",
            ("יוזמות וצוותים משותפים", "Initiatives and joint teams"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "candidate-initiatives",
                    ("יש יוזמות לעבודה משותפת", "There are initiatives for joint work"),
                    metric="initiatives.candidates",
                    target=3,
                    pass_level=0.66,
                    critical=True,
                    guidance=(
                        "יוזמות במצב 'בבחינה' ומעלה.",
                        "Initiatives at 'exploring' or beyond.",
                    ),
                ),
                auto(
                    "joint-teams",
                    (
                        "ליוזמות יש צוותים משותפים לשני העולמות",
                        "Initiatives have joint teams from both worlds",
                    ),
                    metric="initiatives.joint_teams",
                    target=2,
                    pass_level=0.5,
                    guidance=(
                        "צוות משותף מוגדר בכרטיס היוזמה, עם חברים מעולם הרווחה ומעולם הדיגיטל.",
                        "A joint team set on the initiative, with members from the welfare world and the digital world.",
                    ),
                ),
            ],
        ),
        dimension(
            "tensions",
            ("הבנת המתחים", "Understanding tensions"),
            weight=1,
            criteria=[
                auto(
                    "tensions-classified",
                    ("ידוע מקורו של כל מתח", "The origin of each tension is known"),
                    metric="tensions.classified_share",
                    pass_level=0.8,
                    guidance=(
                        "בכרטיס המתח: מובנה בחיבור בין דיגיטל לרווחה, או נובע מתהליך השינוי.",
                        "On the tension: inherent to digital-and-welfare, or caused by the change process.",
                    ),
                ),
            ],
        ),
        dimension(
            "flow",
            ("צרכים שהוזרמו", "Needs broadcast"),
            weight=2,
            criteria=[
                auto(
                    "broadcasts-published",
                    ("צרכים הוזרמו לעולם הדיגיטל", "Needs were broadcast to the digital world"),
                    metric="opportunities.broadcasts_published",
                    target=2,
                    pass_level=0.5,
                    guidance=(
                        "הזרמות צורך שפורסמו לשותפים; טיוטות אינן נספרות.",
                        "Broadcasts published to partners; drafts do not count.",
                    ),
                ),
            ],
        ),
    ],
)

STAGE_D_READINESS = rubric(
    "stage-d-readiness",
    ("מוכנות לכניסה לשלב ד׳", "Readiness to enter stage D"),
    description=(
        "האם נבנו די מנגנונים, הושלמו פיילוטים ויש סימנים שהמשרד מוביל בעצמו, כדי להתחיל להיערך לשלב הבא או לפרידה.",
        "Are enough mechanisms built, pilots completed and signs that the ministry leads on its own, to start preparing the next stage or farewell.",
    ),
    subject_type="stage",
    kind="readiness",
    stage="D",
    threshold=75,
    dimensions=[
        dimension(
            "foundations",
            ("מנגנונים שנבנו", "Mechanisms built"),
            weight=3,
            floor=40,
            criteria=[
                auto(
                    "mechanisms-established",
                    ("מנגנונים פועלים או ממוסדים", "Mechanisms are established or institutionalised"),
                    metric="stages.mechanisms_established",
                    target=8,
                    pass_level=0.75,
                    critical=True,
                    guidance=(
                        "מנגנונים, תשתיות ויכולות במצב 'פועל' או 'ממוסד' במפת המנגנונים. שישה לפחות נחשבים עמידה.",
                        "Mechanisms, infrastructures and capabilities marked established or institutionalised in the mechanism map. Six or more count as met.",
                    ),
                ),
            ],
        ),
        dimension(
            "pilots",
            ("פיילוטים", "Pilots"),
            weight=2,
            criteria=[
                auto(
                    "pilots-completed",
                    ("הושלמו פיילוטים", "Pilots are completed"),
                    metric="initiatives.pilots_completed",
                    target=3,
                    pass_level=0.66,
                    guidance=(
                        "פיילוטים עם תאריך סיום בכרטיסי היוזמות.",
                        "Pilots with an end date on the initiatives.",
                    ),
                ),
                auto(
                    "needs-in-pilot",
                    (
                        "צרכים מחוברים לפתרון בפיילוט ומעלה",
                        "Needs are connected to a solution in pilot or beyond",
                    ),
                    metric="initiatives.needs_in_pilot",
                    target=0.5,
                    pass_level=0.8,
                    guidance=(
                        "חלק הצרכים שמחוברים ליוזמה בפיילוט, בהרחבה או בהפעלה שוטפת.",
                        "Share of needs linked to an initiative in pilot, scaling or sustained.",
                    ),
                ),
            ],
        ),
        dimension(
            "ownership",
            ("הובלה עצמית של המשרד", "The ministry leading on its own"),
            weight=2,
            criteria=[
                manual(
                    "ministry-leads",
                    ("יש סימנים שהמשרד מוביל בעצמו", "There are signs that the ministry leads on its own"),
                    anchors=steps(
                        ("אין סימנים; הצוות מוביל הכול", "No signs; the team leads everything"),
                        ("אנשי המשרד מובילים פעולות בודדות", "Ministry staff lead single actions"),
                        (
                            "אנשי המשרד מובילים חלק מהיוזמות והמנגנונים",
                            "Ministry staff lead some initiatives and mechanisms",
                        ),
                        (
                            "המשרד מוביל את רוב היוזמות ומעלה צרכים חדשים בעצמו",
                            "The ministry leads most initiatives and raises new needs itself",
                        ),
                    ),
                    critical=True,
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "יוזמות ומנגנונים שבעליהם אנשי המשרד, וצרכים חדשים שהמשרד העלה בלי הצוות.",
                        "initiatives and mechanisms owned by ministry staff, and new needs the ministry raised without the team.",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An initiative's readiness to scale
# ------------------------------------------------------------------------------------------------
INITIATIVE_SCALE_READINESS = rubric(
    "initiative-scale-readiness",
    ("מוכנות יוזמה להרחבה", "Initiative readiness to scale"),
    description=(
        "האם היוזמה הוכיחה את עצמה בפיילוט ויש לה מפעיל, מימון ותהליך בשני העולמות שמאפשרים הרחבה.",
        "Has the initiative proved itself in a pilot, and does it have an operator, funding and a process in both worlds that allow scale.",
    ),
    subject_type="initiative",
    kind="readiness",
    stage="",
    threshold=75,
    dimensions=[
        dimension(
            "foundation",
            ("יסודות היוזמה", "The initiative's foundations"),
            weight=2,
            criteria=[
                auto(
                    "big-dream",
                    ("החלום הגדול המשותף כתוב", "The shared big dream is written"),
                    metric="initiative.big_dream",
                    guidance=(
                        "השדה 'החלום הגדול המשותף' בכרטיס היוזמה.",
                        "The 'shared big dream' field on the initiative.",
                    ),
                ),
                auto(
                    "joint-team",
                    ("צוות משותף לשני העולמות פועל", "A joint team of both worlds works"),
                    metric="initiative.joint_team",
                    guidance=(
                        "צוות משותף מוגדר בכרטיס היוזמה.",
                        "A joint team set on the initiative.",
                    ),
                ),
                auto(
                    "process-steps",
                    ("צעדי התהליך של ה-API האנושי בוצעו", "The Human API process steps were taken"),
                    metric="initiative.process_steps",
                    target=5,
                    pass_level=0.8,
                    guidance=(
                        "סוגי הצעדים שתועדו: זיהוי הצורך, גישוש והזרמת מידע, נוכחות בעולם הדיגיטל, היכרות, בניית החיבור, מדיניות והסדרים.",
                        "Kinds of steps recorded: identifying the need, scouting and information flow, presence in the digital world, introduction, building the connection, policy and arrangements.",
                    ),
                ),
                auto(
                    "impact-described",
                    ("השפעת השינוי מתוארת", "The impact of the change is described"),
                    metric="initiative.impact_described",
                    guidance=(
                        "כותרת ההשפעה ותיאורה בכרטיס היוזמה: מה השתנה לאזרח, לאנשי המקצוע או למשרד.",
                        "The impact headline and description on the initiative: what changed for citizens, professionals or the ministry.",
                    ),
                ),
            ],
        ),
        dimension(
            "pilot-results",
            ("תוצאות הפיילוט", "Pilot results"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "pilot-kpis-met",
                    ("הפיילוט עמד במדדים שנקבעו לו", "The pilot met its KPIs"),
                    metric="initiative.pilot_kpis_met",
                    pass_level=0.75,
                    critical=True,
                    weight=2,
                    guidance=(
                        "מדדי הפיילוט שנמדדו והגיעו ליעד; שלושה רבעים לפחות נדרשים.",
                        "Measured pilot KPIs that reached their target; at least three quarters are needed.",
                    ),
                ),
                auto(
                    "no-blocking-tensions",
                    ("אין מתחים פתוחים שחוסמים את היוזמה", "No open tension blocks the initiative"),
                    metric="initiative.blocking_tensions",
                    floor=1,
                    target=0,
                    critical=True,
                    guidance=(
                        "מתחים פתוחים שמסומנים כחוסמים ומקושרים ליוזמה. יש להכריע בהם לפני ההרחבה.",
                        "Open tensions marked blocking and linked to the initiative. Decide them before scaling.",
                    ),
                ),
            ],
        ),
        dimension(
            "scale-capacity",
            ("יכולת להרחבה", "Capacity to scale"),
            weight=2,
            criteria=[
                auto(
                    "operating-partner",
                    ("שותף מפעיל או מממן את היוזמה", "A partner operates or funds the initiative"),
                    metric="initiative.operating_partner",
                    guidance=(
                        "שותף ביוזמה בתפקיד מפעיל או מממן.",
                        "An initiative partner in the role of operator or funder.",
                    ),
                ),
                manual(
                    "scale-funding",
                    ("מימון ההרחבה מובטח", "Funding for scale is secured"),
                    anchors=steps(
                        ("אין מקור מימון", "No funding source"),
                        ("זוהו מקורות אפשריים", "Possible sources are identified"),
                        ("יש התחייבות עקרונית או חלקית", "There is a commitment in principle or in part"),
                        (
                            "המימון אושר בתקציב או בהסכם לתקופת ההרחבה",
                            "Funding is approved in a budget or agreement for the scale period",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    weight=2,
                    guidance=rate(
                        "סעיף תקציבי, הסכם מימון או מכתב התחייבות.",
                        "a budget line, a funding agreement or a letter of commitment.",
                    ),
                ),
                manual(
                    "operator-capacity",
                    ("למפעיל יש יכולת להרחיב", "The operator has capacity to scale"),
                    anchors=steps(
                        ("אין מפעיל", "No operator"),
                        (
                            "יש מפעיל, בלי צוות או תשתית להרחבה",
                            "An operator without the team or infrastructure to scale",
                        ),
                        ("יכולת להרחבה חלקית, למשל באזור אחד", "Partial capacity, e.g. in one region"),
                        (
                            "צוות, תשתית ותמיכה להפעלה ארצית",
                            "Team, infrastructure and support for nationwide operation",
                        ),
                    ),
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "תוכנית ההפעלה של המפעיל, כוח האדם שלו וניסיון קודם בהרחבה.",
                        "the operator's operating plan, staffing and past experience of scaling.",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An opportunity's readiness for a pilot (the partner sees what it can act on)
# ------------------------------------------------------------------------------------------------
OPPORTUNITY_PILOT_READINESS = rubric(
    "opportunity-pilot-readiness",
    ("מוכנות הזדמנות לפיילוט", "Opportunity readiness for a pilot"),
    description=(
        "האם הפתרון שהשותף מציע בשל, מגן על מידע, נגיש ומתאים לצורך, כך שאפשר לנסות אותו בפיילוט.",
        "Is the solution the partner offers mature, protective of data, accessible and fit for the need, so that it can be tried in a pilot.",
    ),
    subject_type="opportunity",
    kind="readiness",
    stage="",
    threshold=70,
    dimensions=[
        dimension(
            "product",
            ("בשלות המוצר", "Product maturity"),
            weight=2,
            criteria=[
                auto(
                    "technology-readiness",
                    ("רמת הבשלות הטכנולוגית (TRL)", "Technology readiness level (TRL)"),
                    metric="opportunity.technology_readiness",
                    floor=2,
                    target=7,
                    pass_level=0.6,
                    partner=True,
                    weight=2,
                    guidance=(
                        "בשלות המוצר בפרופיל ההזדמנות. אב-טיפוס (TRL 5) נחשב עמידה; מוצר שכבר נוסה בפיילוט (TRL 7) ומעלה מקבל ציון מלא.",
                        "The product maturity in the opportunity profile. A prototype (TRL 5) counts as met; a product already piloted (TRL 7) or beyond scores in full.",
                    ),
                ),
                auto(
                    "evidence",
                    ("יש ראיות לתועלת הפתרון", "There is evidence of the solution's benefit"),
                    metric="opportunity.evidence",
                    partner=True,
                    guidance=(
                        "תיאור הראיות בפרופיל (תוצאות, משתמשים, הערכות) וקובץ מצורף אחד לפחות שמתעד אותן.",
                        "Describe the evidence in the profile (results, users, evaluations) and attach at least one file documenting it.",
                    ),
                ),
            ],
        ),
        dimension(
            "data-protection",
            ("הגנה על מידע ואבטחה", "Data protection and security"),
            weight=3,
            floor=50,
            criteria=[
                auto(
                    "data-protection",
                    ("המידע האישי מוגן", "Personal data is protected"),
                    metric="opportunity.data_protection",
                    critical=True,
                    partner=True,
                    weight=2,
                    guidance=(
                        "כשהפתרון מעבד מידע אישי: הערכת השפעה על פרטיות, פירוט מקום האירוח של המידע ותקנים או הסמכות. לא חל על פתרון שאינו מעבד מידע אישי.",
                        "When the solution processes personal data: a privacy impact assessment, where the data is hosted, and standards or certifications. Does not apply when no personal data is processed.",
                    ),
                ),
                manual(
                    "security-review",
                    ("בדיקת אבטחת המידע והפרטיות של הצוות", "The team's security and privacy review"),
                    anchors=steps(
                        ("לא נבדק", "Not reviewed"),
                        ("נבדק בחלקו; יש פערים מהותיים", "Partly reviewed; material gaps"),
                        (
                            "נבדק; נותרו פערים שאינם חוסמים פיילוט",
                            "Reviewed; remaining gaps do not block a pilot",
                        ),
                        (
                            "אושר בידי גורמי אבטחת המידע והפרטיות במשרד",
                            "Approved by the ministry's security and privacy officers",
                        ),
                    ),
                    critical=True,
                    pass_level=MET_2_OF_3,
                    validity_days=180,
                    guidance=rate(
                        "סיכום הבדיקה או אישור הממונים על אבטחת מידע ופרטיות. הבדיקה של הצוות, לא של השותף.",
                        "the review summary or the security and privacy officers' approval. This is the team's review, not the partner's.",
                    ),
                ),
            ],
        ),
        dimension(
            "inclusion",
            ("נגישות ושפות", "Accessibility and languages"),
            weight=2,
            criteria=[
                auto(
                    "accessibility",
                    ("הנגישות מתוארת", "Accessibility is described"),
                    metric="opportunity.accessibility",
                    partner=True,
                    guidance=(
                        "בפרופיל: עמידה בתקן הנגישות (ת״י 5568), התאמה לאנשים עם מוגבלות ולמי שאוריינותו הדיגיטלית נמוכה.",
                        "In the profile: conformance with the accessibility standard (IS 5568), and fit for people with disabilities and low digital literacy.",
                    ),
                ),
                auto(
                    "languages",
                    ("הפתרון זמין בכמה שפות", "The solution serves several languages"),
                    metric="opportunity.languages",
                    target=3,
                    pass_level=0.66,
                    partner=True,
                    guidance=(
                        "השפות בפרופיל. עברית וערבית לפחות נחשבות עמידה; שפה שלישית (למשל רוסית, אמהרית או אנגלית) משלימה לציון מלא.",
                        "Languages in the profile. Hebrew and Arabic at least count as met; a third (e.g. Russian, Amharic or English) completes the score.",
                    ),
                ),
            ],
        ),
        dimension(
            "fit",
            ("התאמה לצורך", "Fit to the need"),
            weight=2,
            criteria=[
                auto(
                    "broadcast-fit",
                    ("הפתרון מתאים לקריטריונים של הזרמת הצורך", "The solution fits the broadcast's criteria"),
                    metric="opportunity.broadcast_fit",
                    target=0.8,
                    pass_level=0.75,
                    guidance=(
                        "ציון ההתאמה הגבוה ביותר מול הקריטריונים של הזרמת הצורך (60 ומעלה נחשב עמידה). לא חל על הזדמנות שלא הוגשה לאתגר.",
                        "The best fit score against the broadcast's criteria (60 or more counts as met). Does not apply to an opportunity not submitted to a challenge.",
                    ),
                ),
            ],
        ),
    ],
)


# ------------------------------------------------------------------------------------------------
# An organisation's digital maturity (the stage A questionnaire), after the EU public-sector
# Digital Maturity Assessment: strategy, readiness, human-centric, data and security,
# interoperability, green. Every criterion: five anchors 0–4, "met" from the middle anchor.
# ------------------------------------------------------------------------------------------------
def _maturity(key, text, anchors, he, en, **kwargs):
    return manual(
        key,
        text,
        anchors=steps(*anchors),
        pass_level=MET_2_OF_4,
        validity_days=365,
        guidance=rate(he, en),
        **kwargs,
    )


ORGANIZATION_MATURITY = rubric(
    "organization-maturity",
    ("בשלות דיגיטלית של ארגון", "Organisation digital maturity"),
    description=(
        "שאלון שהצוות ממלא בשלב א׳ על הארגון שהוא מושא השינוי, לפי ששת הממדים של הערכת הבשלות הדיגיטלית של המגזר הציבורי באיחוד האירופי.",
        "A questionnaire the team fills in during stage A about the organisation that is the change object, following the six dimensions of the EU public-sector Digital Maturity Assessment.",
    ),
    subject_type="organization",
    kind="maturity",
    stage="",
    threshold=60,
    dimensions=[
        dimension(
            "digital-strategy",
            ("אסטרטגיה דיגיטלית", "Digital strategy"),
            weight=2,
            criteria=[
                _maturity(
                    "strategy-document",
                    (
                        "לארגון אסטרטגיה דיגיטלית ואסטרטגיית נתונים",
                        "The organisation has a digital and data strategy",
                    ),
                    [
                        ("אין אסטרטגיה דיגיטלית", "No digital strategy"),
                        (
                            "פרויקטים דיגיטליים נקודתיים, בלי מסמך מנחה",
                            "One-off digital projects, no guiding document",
                        ),
                        (
                            "יש טיוטה או מסמך שלא אושר בהנהלה",
                            "A draft, or a document not approved by management",
                        ),
                        ("אסטרטגיה מאושרת עם יעדים ותקציב", "An approved strategy with goals and a budget"),
                        (
                            "אסטרטגיה מאושרת שמתעדכנת לפחות פעם בשנה לפי מדידה ולמידה",
                            "An approved strategy updated at least yearly from measurement and learning",
                        ),
                    ],
                    "מסמך האסטרטגיה, החלטת ההנהלה שאישרה אותו ותאריך העדכון האחרון.",
                    "the strategy document, the management decision approving it and its last update date.",
                ),
                _maturity(
                    "digital-leadership",
                    ("יש הובלה דיגיטלית בהנהלה", "Digital leadership sits in management"),
                    [
                        ("אין גורם אחראי לדיגיטל", "Nobody is responsible for digital"),
                        (
                            "האחריות בידי אגף מערכות המידע בלבד",
                            "Responsibility lies with the IT division only",
                        ),
                        (
                            "מונה מוביל דיגיטלי, בלי סמכות או משאבים",
                            "A digital lead is appointed, without authority or resources",
                        ),
                        (
                            "המוביל הדיגיטלי חבר בהנהלה ומוביל תוכנית עבודה",
                            "The digital lead sits in management and runs a workplan",
                        ),
                        (
                            "כל אגף מקצועי מחזיק יעדים דיגיטליים ומדווח עליהם להנהלה",
                            "Every professional division holds digital goals and reports on them to management",
                        ),
                    ],
                    "כתב מינוי, מבנה ארגוני ופרוטוקולי הנהלה.",
                    "a letter of appointment, the organisation chart and management minutes.",
                ),
                _maturity(
                    "strategy-alignment",
                    (
                        "היוזמות הדיגיטליות נגזרות מיעדי הארגון ונמדדות",
                        "Digital initiatives follow the organisation's goals and are measured",
                    ),
                    [
                        ("אין קשר בין היוזמות ליעדים", "No link between initiatives and goals"),
                        ("הקשר מוסבר רק בדיעבד", "The link is explained only after the fact"),
                        ("חלק מהיוזמות מעוגנות ביעדים", "Some initiatives are tied to goals"),
                        (
                            "כל יוזמה חדשה נבחנת מול היעדים ויש לה מדדי הצלחה",
                            "Each new initiative is checked against the goals and has success metrics",
                        ),
                        (
                            "תיק היוזמות מנוהל לפי תוצאות: מרחיבים, משנים או עוצרים",
                            "The portfolio is run on results: scale, change or stop",
                        ),
                    ],
                    "תוכנית העבודה ומדדי ההצלחה של היוזמות הדיגיטליות.",
                    "the workplan and the digital initiatives' success metrics.",
                ),
            ],
        ),
        dimension(
            "digital-readiness",
            ("מוכנות דיגיטלית", "Digital readiness"),
            weight=2,
            criteria=[
                _maturity(
                    "digital-skills",
                    ("לעובדים מיומנויות דיגיטליות", "Staff have digital skills"),
                    [
                        ("אין הכשרה דיגיטלית", "No digital training"),
                        ("הדרכות מזדמנות על כלים", "Occasional training on tools"),
                        ("תוכנית הכשרה לקבוצות נבחרות", "A training programme for selected groups"),
                        (
                            "הכשרה שיטתית לפי תפקיד, כולל מנהלים",
                            "Systematic training by role, managers included",
                        ),
                        (
                            "למידה מתמשכת; המיומנויות נמדדות ומשולבות בהגדרות התפקיד",
                            "Continuous learning; skills are measured and built into role descriptions",
                        ),
                    ],
                    "תוכנית ההכשרות, נתוני השתתפות והגדרות תפקיד.",
                    "the training programme, attendance figures and role descriptions.",
                ),
                _maturity(
                    "digital-roles",
                    ("יש בארגון בעלי תפקידים בדיגיטל ובנתונים", "There are digital and data roles in-house"),
                    [
                        ("אין בעלי תפקידים כאלה; הכול במיקור חוץ", "No such roles; everything is outsourced"),
                        ("מעטים, ומרוכזים באגף מערכות המידע", "A few, concentrated in the IT division"),
                        (
                            "צוותי דיגיטל ונתונים קיימים אך מנותקים מהאגפים",
                            "Digital and data teams exist but are cut off from divisions",
                        ),
                        (
                            "ממשקים קבועים בין אגפי התוכן לצוותי הדיגיטל, למשל 'שניים בקופסה'",
                            "Standing links between content divisions and digital teams, e.g. 'two in a box'",
                        ),
                        (
                            "רפרנטים דיגיטליים בכל אגף וצוותים משולבים כדרך עבודה",
                            "Digital referents in every division and mixed teams as the way of working",
                        ),
                    ],
                    "מבנה ארגוני, רשימת רפרנטים וצוותים משותפים.",
                    "the organisation chart, the list of referents and joint teams.",
                ),
                _maturity(
                    "technology-infrastructure",
                    (
                        "התשתיות והכלים הטכנולוגיים מאפשרים עבודה דיגיטלית",
                        "Technology infrastructure and tools enable digital work",
                    ),
                    [
                        ("מערכות מיושנות, עבודה ידנית ובנייר", "Outdated systems, manual and paper work"),
                        ("מערכות ליבה מנותקות זו מזו", "Core systems disconnected from each other"),
                        ("מערכות ליבה מעודכנות בחלק מהתחומים", "Up-to-date core systems in some areas"),
                        (
                            "תשתית ענן או תשתית משותפת וכלי עבודה שיתופיים בשימוש רחב",
                            "Cloud or shared infrastructure and collaborative tools in wide use",
                        ),
                        (
                            "תשתית גמישה שמאפשרת להוסיף שירותים במהירות ובבטחה",
                            "A flexible infrastructure that adds services quickly and safely",
                        ),
                    ],
                    "מפת המערכות ותוכנית התשתיות של אגף מערכות המידע.",
                    "the systems map and the IT division's infrastructure plan.",
                ),
            ],
        ),
        dimension(
            "human-centric",
            ("דיגיטציה ממוקדת אדם", "Human-centric digitalisation"),
            weight=3,
            criteria=[
                _maturity(
                    "user-centred-services",
                    ("השירותים מתוכננים יחד עם המשתמשים", "Services are designed with their users"),
                    [
                        (
                            "השירותים מתוכננים בלי מגע עם המשתמשים",
                            "Services are designed without contact with users",
                        ),
                        ("משוב נאסף לעיתים, אחרי ההשקה", "Feedback is collected now and then, after launch"),
                        (
                            "מסע לקוח או בדיקות משתמשים בחלק מהפרויקטים",
                            "Customer journeys or user testing in some projects",
                        ),
                        (
                            "תכנון שירות ממוקד אדם הוא שלב קבוע בכל פרויקט",
                            "Human-centred service design is a fixed step in every project",
                        ),
                        (
                            "המשתמשים ואנשי המקצוע שותפים לאורך חיי השירות, והוא משתפר לפי נתוני שימוש",
                            "Users and professionals take part throughout the service's life, and it improves from usage data",
                        ),
                    ],
                    "מסעות לקוח, תוצאות בדיקות משתמשים ושינויים שנעשו בעקבותיהם.",
                    "customer journeys, user-testing results and the changes made after them.",
                ),
                _maturity(
                    "accessibility-inclusion",
                    ("השירותים נגישים ומכלילים", "Services are accessible and inclusive"),
                    [
                        ("הנגישות אינה נבדקת", "Accessibility is not checked"),
                        (
                            "נבדקת רק באתר, כדי לעמוד בחוק",
                            "Checked only on the website, to comply with the law",
                        ),
                        (
                            "השירותים המרכזיים עומדים בתקן הנגישות (ת״י 5568)",
                            "Main services conform to the accessibility standard (IS 5568)",
                        ),
                        (
                            "כל שירות חדש נבדק, ויש חלופה אנושית למי שאינו משתמש בדיגיטל",
                            "Every new service is checked, with a human alternative for non-digital users",
                        ),
                        (
                            "נגישות ואוריינות דיגיטלית מקודמות ביוזמה, ונמדד מי לא מגיע לשירות",
                            "Accessibility and digital literacy are promoted actively, and those the service misses are measured",
                        ),
                    ],
                    "דוחות בדיקת נגישות, חלופות השירות ונתוני שימוש לפי אוכלוסיות.",
                    "accessibility audit reports, service alternatives and usage data by population.",
                ),
                _maturity(
                    "service-languages",
                    (
                        "השירותים זמינים בשפות האוכלוסייה",
                        "Services are available in the population's languages",
                    ),
                    [
                        ("עברית בלבד", "Hebrew only"),
                        ("מידע בסיסי בערבית", "Basic information in Arabic"),
                        ("השירותים המרכזיים בעברית ובערבית", "Main services in Hebrew and Arabic"),
                        (
                            "עברית, ערבית ושפות נוספות (כמו רוסית, אמהרית, אנגלית) בשירותים המרכזיים",
                            "Hebrew, Arabic and more (such as Russian, Amharic, English) in the main services",
                        ),
                        (
                            "כל שירות חדש מתוכנן רב-לשוני מראשיתו ונבדק עם דוברי השפות",
                            "Every new service is multilingual by design and tested with speakers of each language",
                        ),
                    ],
                    "רשימת השירותים המרכזיים והשפות שבהן כל אחד זמין.",
                    "the list of main services and the languages each is available in.",
                ),
            ],
        ),
        dimension(
            "data-security",
            ("ניהול נתונים ואבטחת מידע", "Data management and security"),
            weight=3,
            criteria=[
                _maturity(
                    "data-governance",
                    ("הנתונים מנוהלים בצורה מסודרת", "Data is governed"),
                    [
                        ("אין בעלות מוגדרת על נתונים", "No defined data ownership"),
                        (
                            "הנתונים מפוזרים, וכל אגף מחזיק מאגר משלו",
                            "Data is scattered; each division keeps its own store",
                        ),
                        (
                            "יש בעלי נתונים ומילון נתונים חלקי",
                            "Data owners and a partial data dictionary exist",
                        ),
                        (
                            "הנתונים מנוהלים במרוכז ומונגשים למנהלים בלוחות מחוונים",
                            "Data is managed centrally and served to managers in dashboards",
                        ),
                        (
                            "ניהול מבוסס נתונים בכל הדרגים, עם בקרת איכות נתונים שוטפת",
                            "Data-driven management at all levels, with ongoing data-quality control",
                        ),
                    ],
                    "מדיניות הנתונים, מילון הנתונים ולוחות המחוונים שבשימוש.",
                    "the data policy, the data dictionary and the dashboards in use.",
                ),
                _maturity(
                    "privacy",
                    ("פרטיות מקבלי השירות מוגנת", "Service users' privacy is protected"),
                    [
                        ("אין מדיניות פרטיות ואין ממונה", "No privacy policy and no officer"),
                        ("יש ממונה, בלי תהליך סדור", "An officer exists, without a set process"),
                        (
                            "נהלים כתובים; הערכת השפעה על פרטיות רק בפרויקטים גדולים",
                            "Written procedures; privacy impact assessments only in large projects",
                        ),
                        (
                            "הערכת השפעה בכל פרויקט שמעבד מידע אישי, ואיסוף מידע מינימלי כברירת מחדל",
                            "An impact assessment in every project processing personal data, and data minimisation by default",
                        ),
                        (
                            "פרטיות כבר בתכנון, ביקורות תקופתיות ושקיפות כלפי מקבלי השירות",
                            "Privacy by design, periodic audits and transparency towards service users",
                        ),
                    ],
                    "נוהלי הגנת הפרטיות והערכות ההשפעה על פרטיות שנערכו.",
                    "the privacy procedures and the privacy impact assessments carried out.",
                    critical=True,
                    weight=2,
                ),
                _maturity(
                    "cybersecurity",
                    (
                        "הארגון מנהל את סיכוני אבטחת המידע והסייבר",
                        "The organisation manages information-security and cyber risks",
                    ),
                    [
                        ("אין ניהול סיכוני סייבר", "No cyber-risk management"),
                        ("הגנות בסיסיות בלבד", "Basic protections only"),
                        (
                            "מדיניות אבטחה לפי הנחיות מערך הסייבר, ביישום חלקי",
                            "A security policy following the national cyber guidelines, partly applied",
                        ),
                        (
                            "ניהול סיכונים שוטף, בדיקת ספקים ותרגול אירועים",
                            "Ongoing risk management, supplier checks and incident drills",
                        ),
                        (
                            "אבטחה משולבת בכל שלבי הפיתוח והרכש, עם ניטור רציף",
                            "Security built into every step of development and procurement, with continuous monitoring",
                        ),
                    ],
                    "מדיניות אבטחת המידע, סקרי סיכונים ותרגילים אחרונים.",
                    "the information-security policy, risk surveys and recent drills.",
                ),
            ],
        ),
        dimension(
            "interoperability",
            ("יכולת פעולה הדדית", "Interoperability"),
            weight=2,
            criteria=[
                _maturity(
                    "system-integration",
                    ("מערכות הארגון מחוברות זו לזו", "The organisation's systems are connected"),
                    [
                        ("אין חיבור; נתונים מועתקים ידנית", "No connection; data is copied by hand"),
                        ("חיבורים נקודתיים", "One-off connections"),
                        ("מערכות הליבה מחוברות ביניהן", "Core systems are connected to each other"),
                        ("ממשקי API מתועדים לשירותים המרכזיים", "Documented APIs for the main services"),
                        (
                            "ארכיטקטורה מבוססת ממשקים: מערכת חדשה מתחברת בלי פיתוח ייעודי",
                            "An interface-based architecture: a new system connects without custom work",
                        ),
                    ],
                    "מפת הממשקים בין המערכות ותיעוד ה-API.",
                    "the map of interfaces between systems and the API documentation.",
                ),
                _maturity(
                    "data-exchange",
                    (
                        "מידע עובר בבטחה בין הארגון לגורמים אחרים",
                        "Data moves securely between the organisation and other bodies",
                    ),
                    [
                        ("המידע עובר בדואר ובנייר", "Data moves by post and on paper"),
                        ("העברת קבצים ידנית או לא מאובטחת", "Manual or unsecured file transfers"),
                        ("ממשקים עם חלק מהשותפים", "Interfaces with some partners"),
                        (
                            "ממשקים מאובטחים ותקניים עם רוב השותפים: רשויות, משרדים וספקים",
                            "Secure, standard interfaces with most partners: local authorities, ministries and providers",
                        ),
                        (
                            "'פעם אחת בלבד': האזרח לא נדרש למסור שוב מידע שכבר קיים בממשלה",
                            "'Once only': citizens are not asked again for data the government already holds",
                        ),
                    ],
                    "רשימת הממשקים עם רשויות מקומיות, משרדי ממשלה ונותני שירותים.",
                    "the list of interfaces with local authorities, ministries and service providers.",
                ),
                _maturity(
                    "shared-components",
                    (
                        "הארגון משתמש ברכיבים ממשלתיים משותפים ובתקנים פתוחים",
                        "The organisation reuses shared government components and open standards",
                    ),
                    [
                        ("כל מערכת בונה הכול מחדש", "Every system builds everything anew"),
                        ("שימוש מזדמן ברכיבים משותפים", "Occasional use of shared components"),
                        (
                            "רכיבים משותפים (הזדהות, תשלומים) בחלק מהשירותים",
                            "Shared components (identification, payments) in some services",
                        ),
                        (
                            "רכיבים משותפים ותקנים פתוחים הם ברירת המחדל",
                            "Shared components and open standards are the default",
                        ),
                        (
                            "הארגון גם מספק רכיבים ונתונים פתוחים לשימוש של אחרים",
                            "The organisation also provides components and open data for others to use",
                        ),
                    ],
                    "השירותים שמשתמשים ברכיבים ממשלתיים משותפים ומאגרי מידע פתוחים שפורסמו.",
                    "services using shared government components and open datasets published.",
                ),
            ],
        ),
        dimension(
            "green",
            ("דיגיטציה ירוקה", "Green digitalisation"),
            weight=1,
            criteria=[
                _maturity(
                    "green-it",
                    (
                        "הטכנולוגיה מצמצמת את טביעת הרגל הסביבתית",
                        "Technology keeps its environmental footprint down",
                    ),
                    [
                        ("הנושא אינו נשקל", "Not considered"),
                        ("צעדים נקודתיים, כמו צמצום הדפסות", "One-off steps, such as printing less"),
                        (
                            "שיקולים סביבתיים ברכש ציוד ובאירוח",
                            "Environmental criteria in buying equipment and hosting",
                        ),
                        (
                            "מדיניות ירוקה לרכש, לאירוח בענן ולמחזור ציוד",
                            "A green policy for procurement, cloud hosting and equipment recycling",
                        ),
                        (
                            "הטביעה נמדדת, ויש יעדי הפחתה שנבדקים",
                            "The footprint is measured, with reduction targets that are tracked",
                        ),
                    ],
                    "מדיניות הרכש, תנאי האירוח ונתוני צריכה אם יש.",
                    "the procurement policy, hosting terms and consumption figures where available.",
                ),
                _maturity(
                    "paperless-remote",
                    ("תהליכים בלי נייר ובלי נסיעות מיותרות", "Processes without paper or needless travel"),
                    [
                        (
                            "רוב התהליכים בנייר ודורשים הגעה פיזית",
                            "Most processes are on paper and need a visit in person",
                        ),
                        ("חלק מהטפסים מקוונים", "Some forms are online"),
                        ("רוב הפניות והטפסים מקוונים", "Most requests and forms are online"),
                        (
                            "תהליכים דיגיטליים מקצה לקצה ושירות מרחוק כחלופה",
                            "End-to-end digital processes and remote service as an option",
                        ),
                        (
                            "צריכת הנייר והנסיעות נמדדת ופוחתת לפי יעד",
                            "Paper and travel are measured and falling to a target",
                        ),
                    ],
                    "רשימת התהליכים המקוונים, השירותים הניתנים מרחוק ונתוני צריכה.",
                    "the list of online processes, services given remotely and consumption figures.",
                ),
            ],
        ),
    ],
)


RUBRICS = [
    STAGE_A_EXIT,
    STAGE_B1_EXIT,
    STAGE_B2_EXIT,
    STAGE_C_EXIT,
    STAGE_D_EXIT,
    STAGE_B1_READINESS,
    STAGE_B2_READINESS,
    STAGE_C_READINESS,
    STAGE_D_READINESS,
    INITIATIVE_SCALE_READINESS,
    OPPORTUNITY_PILOT_READINESS,
    ORGANIZATION_MATURITY,
]
