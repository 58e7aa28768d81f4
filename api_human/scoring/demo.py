"""Scoring demo: the team's ratings of the case study over the years, and the scores they make.

"Digital Welfare" (2016–2021) is rated as the source tells it: the five signs of a working connection
between the worlds (bridging) grow from first introductions in 2017 to joint, unmediated work at the
farewell; the exit review of November 2021 rates the strength of the infrastructures, the ability to
sustain the change and the ministry's own connection with the digital world. Its history is replayed
on the days the team rated it (``services.replay_history``), so the score pages show how it got there.
The active engagement gets the ratings of its first year (one of them expired), and the ministry its
digital-maturity diagnostic. Idempotent: a rating that exists is kept, a replay is not repeated.
Values are steps on each criterion's own scale (0 = its lowest anchor). The notes are the team's
evidence, in its own words, from the source's account of the venture.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, User

from . import services
from .models import Criterion, Rating, Rubric, ScoreRun, SubjectType
from .registry import SUBJECTS

MINISTRY = "משרד הרווחה והביטחון החברתי"

# The diagnostic of the ministry when the venture began (stage A), on the EU DMA dimensions.
MATURITY = {
    "strategy-document": (
        3,
        "התוכנית האסטרטגית 'הרווחה בעידן הדיגיטלי' אושרה ב-2015 ויש לה יעדים ולוח זמנים.",
    ),
    "digital-leadership": (2, "מוביל דיגיטלי מונה במשרד; סמכויותיו עדיין מוגבלות לתחומים אחדים."),
    "strategy-alignment": (1, "התוכנית הדיגיטלית אינה קשורה עדיין לתוכניות העבודה של האגפים."),
    "digital-skills": (1, "בראיונות בשטח: מעט עובדים מרגישים בטוחים בכלים דיגיטליים בעבודה עם פונים."),
    "digital-roles": (1, "אין בעלי תפקידים קבועים לחדשנות דיגיטלית מחוץ למטה."),
    "technology-infrastructure": (2, "מערכות ליבה קיימות, אבל רבות מהן ישנות ואינן מחוברות זו לזו."),
    "user-centred-services": (1, "השירותים מתוכננים לפי מבנה המשרד ולא לפי מסע הפונה."),
    "accessibility-inclusion": (2, "האתר עומד בחלק מדרישות הנגישות; אין התאמה לאוכלוסיות עם פער דיגיטלי."),
    "service-languages": (1, "רוב המידע לפונים זמין בעברית בלבד."),
    "data-governance": (1, "אין אחראי נתונים ואין מדיניות שיתוף נתונים בין האגפים."),
    "privacy": (3, "נהלי הגנת פרטיות מחייבים ומוכרים לעובדים, בפיקוח יחידת הגנת המידע."),
    "cybersecurity": (3, "המשרד כפוף להנחיות אבטחת המידע הממשלתיות ונבדק בהתאם."),
    "system-integration": (1, "ממשקים בין מערכות נבנים אחד-אחד, לפי צורך."),
    "data-exchange": (1, "העברת מידע למשרדים אחרים נעשית בעיקר בקבצים ובדואר."),
    "shared-components": (0, "רכיבים ממשלתיים משותפים (הזדהות, תשלומים) כמעט אינם בשימוש."),
    "green-it": (1, "אין מדיניות ירוקה למחשוב; הנושא לא נבחן."),
    "paperless-remote": (1, "רוב התיקים מנוהלים בנייר בלשכות."),
}
MATURITY_SOURCES = "ראיונות עם מנהלי אגפים ועובדי שטח, והתוכנית האסטרטגית של המשרד (2016)."

# When the team rated the connection between the worlds: after the first year, midway, at the farewell.
EARLY, MIDWAY = date(2017, 6, 30), date(2019, 6, 30)

# The five signs of a working connection, rated in each world: {criterion: [(step, evidence) early,
# midway, at the exit review]}.
BRIDGING = {
    "needs-understood-welfare": [
        (
            1,
            "הצורך בהנגשת זכויות אותר בשלב התכנון; האגפים עוד לא יודעים לנסח צורך שעולם הדיגיטל יכול לענות עליו.",
        ),
        (2, "אגפים מביאים צרכים בעצמם: רוב תוכנית העבודה של צוות BUILT נקבעת לפי צורכי האגפים."),
        (3, "צרכים עולים באופן קבוע מהאגפים ומהשטח, ותחום מיצוי זכויות במשרד מוביל את הנושא."),
    ],
    "needs-understood-digital": [
        (1, "הצוות מתחיל להזרים לעולם הדיגיטל מידע על צורכי המשרד; המיזמים מכירים מעט את עולם הרווחה."),
        (2, "atvisor ו-Howazit למדו את צורכי המשרד דרך מסע לקוח וצוות משימה משותף."),
        (3, "ארגונים מעולם הדיגיטל פונים בהצעות שמתאימות לצרכים; אחרי i-risk פותחו כלים נוספים לציבור."),
    ],
    "working-together-welfare": [
        (1, "בעלי תפקידים בודדים במשרד משתתפים בפגישות היכרות שהצוות יוזם."),
        (2, "בעלי תפקידים בכירים יושבים בצוותים המשותפים, נפגשים כל שבועיים ומסירים חסמים בירוקרטיים."),
        (3, "צוותי המשרד מובילים בעצמם עבודה משותפת עם ארגונים מעולם הדיגיטל."),
    ],
    "working-together-digital": [
        (1, "מפגשי היכרות ראשונים; מייסד UNIPER פנה למשרד עם מוצר שהיה עדיין רעיון."),
        (2, "ועדת היגוי עם היזם ליוותה את פיילוט UNIPER; צוות המשימה עם Howazit עובד על מסע הלקוח."),
        (3, 'נציגי הילמ"ה עבדו בהתנדבות ובעצימות גבוהה עם מומחי המשרד; השותפים עובדים ישירות עם המשרד.'),
    ],
    "shared-language-welfare": [
        (0, "מונחים של עולם הדיגיטל זרים לרוב אנשי המשרד."),
        (2, "צוותים במשרד עובדים בשירות מוכוון אדם ובמסעות לקוח, והחלום המשותף של כל יוזמה בונה שפה משותפת."),
        (2, "ניהול מבוסס נתונים ו-two in a box מוכרים באגפים רבים, לא בכולם."),
    ],
    "shared-language-digital": [
        (1, "המיזמים אינם מכירים את דרכי העבודה והשפה של המגזר הציבורי."),
        (2, "ליווי אישי של יזמים בנה מסוגלות ושפה משותפת עם המשרד."),
        (3, "השותפים עובדים במתודולוגיות של המשרד ומדברים בשפתו מול בעלי התפקידים."),
    ],
    "policies-procedures-welfare": [
        (0, "תהליכי הרכש וההתקשרות אינם מתאימים לשירותים דיגיטליים."),
        (1, "מכרז מותאם לקליק לרווחה, וכנס ספקים ו-RFI לסל הגמיש — כל אחד בנפרד, בליווי הצוות."),
        (3, "רכש מותאם לשירותים שלא נוסו מעולם, ותקנות שהוגבלו הותאמו; המשרד מפעיל את הדרכים האלה בעצמו."),
    ],
    "policies-procedures-digital": [
        (0, "לארגונים מעולם הדיגיטל אין דרך מוכרת להתקשר עם המשרד ולדווח לו."),
        (1, "הצוות מסייע לארגונים לבנות תהליכי התקשרות ודיווח מול המשרד."),
        (2, "ארגונים שותפים הקימו פונקציה לקשרי ממשל; לא כולם עדיין."),
    ],
    "joint-initiatives-welfare": [
        (1, "אותרו יוזמות ראשונות לעבודה משותפת."),
        (2, "כמה יוזמות בצוותים משותפים ובפיילוט, ביניהן 60 קשישים בארבעה יישובים."),
        (3, 'שירותים משותפים פועלים ומתרחבים: הסל הגמיש, שירותי קהילה מרחוק, מערכת השל"צ ו-i-risk.'),
    ],
    "joint-initiatives-digital": [
        (1, "ארגונים מעולם הדיגיטל מכירים את המשרד, בלי יוזמה משותפת עדיין."),
        (2, "ארבעה ארגונים שותפים בפיתוח משותף עם צוותי המשרד."),
        (3, "שירותים שהחלו כיוזמות של ארגונים שותפים מופצים ומורחבים דרך המשרד."),
    ],
}

# The exit review of "Digital Welfare" (stage D exit), recorded on the day of the review.
DW_EXIT = {
    "infrastructure-strength": (
        3,
        "המנגנונים שנבנו — צוותים משותפים, הזרמת צרכים, רכש מותאם, BUILT ונאמני ידע — פועלים במשרד בלי הצוות.",
    ),
    "sustain-over-time": (
        3,
        "המשך הטמעת השינוי עבר לצוותים ולבעלי תפקידים במשרד, והיסודות שנבנו מאפשרים לו לאתר תחומים חדשים.",
    ),
    "capability-strength": (2, "אנשי המשרד מפעילים את השיטות בעצמם, אבל לא בכל האגפים באותה מידה."),
    "ministry-digital-connection": (
        3,
        "הקשרים עם הארגונים השותפים ועם מערך הדיגיטל הלאומי עברו לבעלי תפקידים במשרד, שמנהלים אותם ישירות.",
    ),
}

# Ratings of the other stages of "Digital Welfare", on the days they were given: (rubric, criterion):
# (step, evidence, day).
DW_STAGES = {
    ("stage-a-exit", "management-commitment"): (
        2,
        "ועדת ההיגוי אישרה את מוקדי השינוי והיעדים; המוביל הדיגיטלי מדווח להנהלה.",
        date(2016, 12, 15),
    ),
    ("stage-b1-readiness", "technology-integration"): (
        2,
        "נבחנו מערכות הליבה וההתאמה שלהן לשילוב כלים חדשים לפני היציאה לדרך.",
        date(2016, 5, 20),
    ),
    ("stage-b2-readiness", "scouting-plan"): (
        2,
        "נקבע מה המשרד צריך לקבל מעולם הדיגיטל ומה להזרים אליו, ודרכים להעלאת המודעות למיזם.",
        date(2016, 5, 20),
    ),
    ("stage-b1-exit", "act-in-ambiguity"): (
        2,
        "הצוותים יוצאים לדרך גם כשלא ידוע מה תהיה השפעת היוזמה; המתחים מקבלים לגיטימציה.",
        date(2018, 12, 15),
    ),
    ("stage-b1-exit", "high-intensity-start"): (
        3,
        "כל יוזמה התחילה בעצימות גבוהה: פגישות קבועות של הצוות המשותף ומחויבות של בעלי התפקידים.",
        date(2018, 12, 15),
    ),
    ("stage-b2-exit", "digital-presence"): (
        3,
        "הצוות נוכח בעולם הדיגיטל: שופט בקרן חדשנות, מכרז אתגר, רשת המובילים הדיגיטליים וחממות חברתיות.",
        date(2019, 12, 15),
    ),
    ("stage-c-health", "methods-in-use"): (
        3,
        "שירות מוכוון אדם, two in a box וניהול מבוסס נתונים הם דרך העבודה של צוותי המשרד.",
        date(2021, 6, 30),
    ),
    ("stage-d-readiness", "ministry-leads"): (
        2,
        "בעלי תפקידים במשרד מובילים את רוב היוזמות; הצוות עדיין מחבר ביניהם לבין שותפים חדשים.",
        date(2020, 12, 20),
    ),
}

# The active engagement: ratings of its first year (one of them expired, to show what that does),
# and the first signs of a connection between the worlds.
DV_READINESS = {
    ("stage-b1-readiness", "technology-integration"): (
        1,
        "נבחנה רק התאמת מוקד הפניות הקיים; שאר המערכות טרם נבדקו.",
        0,
    ),
    ("stage-b2-readiness", "scouting-plan"): (1, "תוכנית סיור ראשונית נכתבה לפני יותר משנה ולא עודכנה.", 400),
}
DV_BRIDGING = {
    "needs-understood-welfare": (2, "המטה לאלימות במשפחה ניסח את הצורך באיתור מוקדם של נפגעות שאינן מוכרות."),
    "working-together-welfare": (1, "עובדות סוציאליות משתתפות בצוות המשותף, אך עדיין בלי זמן מוקצה."),
    "joint-initiatives-digital": (1, "שני ארגונים מעולם הדיגיטל נפגשו עם הצוות; אין עדיין יוזמה משותפת."),
}

# Initiatives of "Digital Welfare" that scaled: the capacity behind their growth.
INITIATIVE_RATINGS = {
    "scale-funding": (2, "מימון לשלוש שנים מהמשרד ומקרן שותפה, ודרך רכש שהותאמה לשירות."),
    "operator-capacity": (2, "המפעיל מלווה כבר כמה אתרים ויש לו צוות הטמעה."),
}


def _criteria(rubric_key: str) -> dict[str, Criterion]:
    rubric = Rubric.objects.published().filter(key=rubric_key).first()
    if rubric is None:
        return {}
    return {
        c.key: c
        for c in Criterion.objects.filter(
            dimension__rubric=rubric, evidence=Criterion.Evidence.MANUAL
        ).select_related("dimension__rubric")
    }


def _rate(criterion, subject_type, subject_id, step, note, actor, rated_on):
    if criterion is None:
        return
    if Rating.objects.filter(
        rubric_key=criterion.dimension.rubric.key,
        criterion_key=criterion.key,
        subject_type=subject_type,
        subject_id=subject_id,
        evidence_note=note,
    ).exists():
        return
    values = criterion.anchor_values()
    services.rating_record(
        criterion=criterion,
        subject_type=subject_type,
        subject_id=subject_id,
        actor=actor,
        value=values[min(step, len(values) - 1)],
        evidence_note=note,
        rated_on=rated_on,
    )


def exit_review_day(engagement) -> date | None:
    return engagement.exit_reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()


def _digital_welfare(team, today) -> list[date]:
    """Rate the case study; returns the days its history is replayed on."""
    engagement = Engagement.objects.filter(name=DIGITAL_WELFARE).first()
    if engagement is None:
        return []
    farewell = exit_review_day(engagement) or engagement.end_date or today
    moments = (EARLY, MIDWAY, farewell)
    bridging = _criteria("bridging")
    for key, ratings in BRIDGING.items():
        for day, (step, note) in zip(moments, ratings, strict=True):
            _rate(bridging.get(key), SubjectType.ENGAGEMENT, engagement.pk, step, note, team, day)

    phases = {p.stage: p for p in SUBJECTS["stage"].queryset().filter(engagement=engagement)}
    d_phase = phases.get("D")
    if d_phase is not None:
        exit_criteria = _criteria("stage-d-exit")
        for key, (step, note) in DW_EXIT.items():
            _rate(exit_criteria.get(key), SubjectType.STAGE, d_phase.pk, step, note, team, farewell)
    for (rubric_key, key), (step, note, day) in DW_STAGES.items():
        phase = phases.get(rubric_key.split("-")[1].upper())
        if phase is not None:
            _rate(_criteria(rubric_key).get(key), SubjectType.STAGE, phase.pk, step, note, team, day)

    scale = _criteria("initiative-scale-readiness")
    for initiative in (
        SUBJECTS["initiative"]
        .queryset()
        .filter(engagement=engagement, status__in=["scaling", "sustained"])
        .order_by("pk")[:2]
    ):
        for key, (step, note) in INITIATIVE_RATINGS.items():
            _rate(scale.get(key), SubjectType.INITIATIVE, initiative.pk, step, note, team, farewell)
    # Before anything was rated, then each day the team rated the connection, and the farewell.
    return [date(2016, 12, 31), *moments]


def _active_engagement(team, today) -> None:
    engagement = Engagement.objects.filter(name=DOMESTIC_VIOLENCE).first()
    if engagement is None:
        return
    phases = {p.stage: p for p in SUBJECTS["stage"].queryset().filter(engagement=engagement)}
    for (rubric_key, key), (step, note, days_ago) in DV_READINESS.items():
        phase = phases.get("B1" if rubric_key.startswith("stage-b1") else "B2")
        if phase is not None:
            criterion = _criteria(rubric_key).get(key)
            _rate(criterion, SubjectType.STAGE, phase.pk, step, note, team, today - timedelta(days=days_ago))
    bridging = _criteria("bridging")
    for key, (step, note) in DV_BRIDGING.items():
        _rate(bridging.get(key), SubjectType.ENGAGEMENT, engagement.pk, step, note, team, today)


def _ratings(today) -> list[date]:
    team = User.objects.filter(username="team").first()
    ministry = Organization.objects.filter(name=MINISTRY).first()
    if ministry is not None:
        maturity = _criteria("organization-maturity")
        for key, (step, note) in MATURITY.items():
            _rate(
                maturity.get(key),
                SubjectType.ORGANIZATION,
                ministry.pk,
                step,
                f"{note} {MATURITY_SOURCES}",
                team,
                date(2016, 3, 1),
            )
    history = _digital_welfare(team, today)
    _active_engagement(team, today)

    review = _criteria("opportunity-pilot-readiness").get("security-review")
    submitted = SUBJECTS["opportunity"].queryset().exclude(revision=0).order_by("pk").first()
    if submitted is not None:
        _rate(
            review,
            SubjectType.OPPORTUNITY,
            submitted.pk,
            2,
            "סקירת אבטחה ופרטיות של הצוות: נדרש תיקון קטן בהרשאות.",
            team,
            today,
        )
    return history


def load_scoring_demo() -> None:
    today = timezone.localdate()
    engagement = Engagement.objects.filter(name=DIGITAL_WELFARE).first()
    if engagement is None:
        return
    services.mark_all_dirty()
    services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)  # from the data alone
    with transaction.atomic():
        history = _ratings(today)
        services.mark_all_dirty()
    if history:  # how it got there, on the days it was rated (a replay already held writes nothing)
        services.replay_history(engagement.pk, history)
    services.run_recompute(kind=ScoreRun.Kind.CHANGE)  # with the team's ratings
