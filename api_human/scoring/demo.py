"""Scoring demo: the team's ratings of the case study, and the recomputes that score it.

First every subject is scored from the data alone; then the team's ratings are recorded (the
ministry's digital-maturity diagnostic, the exit review of "Digital Welfare", the readiness ratings
of the active engagement, two initiatives' scale capacity, a security review) and everything is
scored again — so each subject has a history and the breakdowns show ratings, automatic evidence,
one expired rating and one criterion that does not apply. Idempotent: a rating that exists is kept.
Values are given as steps on each criterion's own scale (0 = its lowest anchor).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, User

from . import services
from .models import Criterion, Rating, Rubric, ScoreRun, SubjectType

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

# The exit review of "Digital Welfare" (stage D), recorded when the team stepped away.
DW_EXIT = {
    "infrastructure-strength": (
        3,
        "המנגנונים שנבנו (צוותים משותפים, הזרמת צרכים, רכש מותאם) פועלים במשרד בלי הצוות.",
    ),
    "capability-strength": (2, "אנשי המשרד יודעים להפעיל את השיטות, אבל לא בכל האגפים באותה מידה."),
    "sustain-funding": (2, "יש תקציב שנתי לחדשנות; חלק מהמיזמים עדיין נשענים על מימון פילנתרופי."),
    "sustain-partnerships": (
        3,
        "קשרים קבועים עם מיזמים, קרנות ומערך הדיגיטל הלאומי עברו לבעלי תפקידים במשרד.",
    ),
    "sustain-capacity": (2, "יש צוות קבוע לחדשנות; אין עדיין גיבוי לכל תפקיד."),
    "sustain-evaluation": (2, "המדדים נמדדים פעם בשנה; אין הערכה חיצונית קבועה."),
    "sustain-adaptation": (3, "הצוותים משנים כיוון לפי תוצאות הפיילוטים ודנים בכך בפורום קבוע."),
    "sustain-communication": (2, "ההצלחות פורסמו בכנסים ובמדיה; אין עדיין תוכנית תקשורת פנימית."),
    "sustain-planning": (3, "תוכנית העבודה של המשרד כוללת את היעדים הדיגיטליים לשנים הבאות."),
    "ministry-digital-connection": (
        2,
        "רוב הקשרים עם עולם הדיגיטל מוחזקים בידי אנשי המשרד; חלקם עדיין דרך הג'וינט.",
    ),
}

# The active engagement: ratings before it enters B (one of them expired, to show what that does).
DV_READINESS = {
    ("stage-b1-readiness", "technology-integration"): (
        1,
        "נבחנה רק התאמת מוקד הפניות הקיים; שאר המערכות טרם נבדקו.",
        0,
    ),
    ("stage-b2-readiness", "scouting-plan"): (1, "תוכנית סיור ראשונית נכתבה לפני יותר משנה ולא עודכנה.", 400),
}

# Initiatives of "Digital Welfare" that scaled: the capacity behind their growth.
INITIATIVE_RATINGS = {
    "scale-funding": (2, "מימון לשלוש שנים מהמשרד ומקרן שותפה."),
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


def _ratings(today):
    from api_human.core.models import Organization
    from initiatives.models import Initiative
    from opportunities.models import Opportunity
    from stages.models import StagePhase

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
                today,
            )

    phases = {
        (p.engagement.name, p.stage): p
        for p in StagePhase.objects.filter(
            engagement__name__in=[DIGITAL_WELFARE, DOMESTIC_VIOLENCE]
        ).select_related("engagement")
    }
    d_phase = phases.get((DIGITAL_WELFARE, "D"))
    if d_phase is not None:
        exit_criteria = _criteria("stage-d-exit")
        for key, (step, note) in DW_EXIT.items():
            _rate(exit_criteria.get(key), SubjectType.STAGE, d_phase.pk, step, note, team, today)

    for (rubric_key, key), (step, note, days_ago) in DV_READINESS.items():
        stage = "B1" if rubric_key.startswith("stage-b1") else "B2"
        phase = phases.get((DOMESTIC_VIOLENCE, stage))
        if phase is not None:
            _rate(
                _criteria(rubric_key).get(key),
                SubjectType.STAGE,
                phase.pk,
                step,
                note,
                team,
                today - timedelta(days=days_ago),
            )

    scale = _criteria("initiative-scale-readiness")
    for initiative in Initiative.objects.filter(
        engagement__name=DIGITAL_WELFARE, status__in=[Initiative.Status.SCALING, Initiative.Status.SUSTAINED]
    ).order_by("pk")[:2]:
        for key, (step, note) in INITIATIVE_RATINGS.items():
            _rate(scale.get(key), SubjectType.INITIATIVE, initiative.pk, step, note, team, today)

    review = _criteria("opportunity-pilot-readiness").get("security-review")
    submitted = Opportunity.objects.exclude(revision=0).order_by("pk").first()
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


def load_scoring_demo() -> None:
    today = timezone.localdate()
    if not Engagement.objects.filter(name=DIGITAL_WELFARE).exists():
        return
    services.mark_all_dirty()
    services.run_recompute(kind=ScoreRun.Kind.NIGHTLY)  # from the data alone
    with transaction.atomic():
        _ratings(today)
        services.mark_all_dirty()
    services.run_recompute(kind=ScoreRun.Kind.CHANGE)  # with the team's ratings
