"""Stage demo data: the stages of "Digital Welfare" (2016–2021) and of the active demo engagement.

Facts follow the operating-model document in shared/seeds (the 2015 strategic plan, the venture from
2016, the team stepping away after six years, the mechanisms table, the pilots' figures); the
wording is ours. Idempotent: what exists is left as it is.
"""

from datetime import date

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, User

from . import services
from .models import (
    ChangeFocus,
    ChangeSignal,
    ExitReview,
    GateDecision,
    Goal,
    IntensityChange,
    LogicModelItem,
    Measurement,
    Mechanism,
    Publication,
    RoleHolder,
    StagePhase,
    SuccessMetric,
    WorkingPrinciple,
)

D = date
T = GateDecision.Transition

# (stage, move, date, justification) in the order they happened; C ends only once D has started.
DW_MOVES = [
    (
        "A",
        T.START,
        D(2016, 1, 1),
        "התוכנית האסטרטגית 'הרווחה בעידן הדיגיטלי' (2015) ומינוי מוביל דיגיטלי במשרד מגדירים את משרד הרווחה כמושא השינוי.",
    ),
    (
        "B1",
        T.START,
        D(2016, 6, 1),
        "הצוות המוביל במשרד וצוותי העבודה לפי תחומי תוכן הוקמו; אפשר להגדיר את גבולות העמימות.",
    ),
    ("B2", T.START, D(2016, 6, 1), "במקביל ל-B1: מתחילים למפות את עולם הדיגיטל ולהזרים אליו את צורכי המשרד."),
    ("C", T.START, D(2016, 9, 1), "יוזמות ראשונות אותרו; מתחילים לבנות מנגנונים בשני העולמות."),
    ("A", T.COMPLETE, D(2016, 12, 31), "מוקדי השינוי, תאוריית השינוי והיעדים אושרו בוועדת ההיגוי."),
    ("B1", T.COMPLETE, D(2018, 12, 31), "עקרונות העבודה מוטמעים בצוותים המשותפים."),
    ("B2", T.COMPLETE, D(2019, 12, 31), "הזרמת המידע בין העולמות נעשית דרך ערוצים קבועים."),
    ("D", T.START, D(2021, 1, 1), "ניצנים של שינוי תפיסתי נראים בשטח; בוחנים את המשך תפקיד הצוות."),
    ("C", T.COMPLETE, D(2021, 12, 31), "המנגנונים עברו לאחריות המשרד ופועלים ללא תיווך."),
    ("D", T.COMPLETE, D(2021, 12, 31), "הערכת המצב הסתיימה בפרידה ובמסירה לצוותי המשרד."),
]
DW_INTENSITY = [
    ("B1", D(2017, 6, 1), "medium"),
    ("B2", D(2018, 1, 1), "medium"),
    ("C", D(2020, 1, 1), "medium"),
    ("C", D(2021, 6, 1), "low"),
]

DESIGN = {
    "desired_reality": "משרד שבו אמצעים דיגיטליים הם חלק מובן מאליו מהשירות: מידע וזכויות נגישים לאזרח במקום אחד, "
    "ניהול שנשען על נתונים עדכניים, ושירותים שאינם תלויים במקום ובשעה — עם קשר חי ורציף לעולם הדיגיטל, בלי מתווך.",
    "current_state": "תוכניות ושירותים פורסמו כמסמכי PDF פנימיים; אגפי התוכן לא הכירו את אגף מערכות המידע ונתונים לא "
    "הונגשו להם; תהליכי הרכש וההתקשרות לא התאימו לשירותים דיגיטליים שלא נוסו מעולם.",
    "theory_of_change": "אם נבנה תשתיות, מנגנונים ויכולות בעולם הרווחה ובעולם הדיגיטל, ובמקביל נזרים ביניהם צרכים, "
    "מידע ופתרונות, יתחילו שני העולמות לעבוד יחד באופן רציף — והמשרד יוכל להמשיך את השינוי בכוחות עצמו.",
    "maturity_diagnostic": "בתחילת הדרך נבנה מדד דיגיטלי ונערך אבחון בשלות דיגיטלית של המשרד, שלצדו נבחנו מסמכי "
    "האסטרטגיה וסקירת ספרות על דרכים לטרנספורמציה.",
    "maturity_diagnosed_on": D(2016, 3, 1),
}
FOCI = [
    ("נגישות זכויות ושירותים לאזרח", "ריכוז כל התוכניות והמענים של המשרד במקום אחד, בשפה ברורה."),
    ("ניהול מבוסס נתונים", "נתונים מפולחים ועדכניים שמגיעים לאגפים לפי צורכיהם."),
    ("שיטות עבודה ורכש שמתאימים לעולם הדיגיטל", "מכרזים, התקשרויות ומדדי הצלחה לשירותים חדשים."),
    ("הון אנושי דיגיטלי", "מיומנויות, מנהיגות ובעלי תפקידים ייעודיים באגפים."),
    ("קשר רציף עם האקוסיסטם הדיגיטלי", "נוכחות של המשרד בעולם הדיגיטל ואיתור הזדמנויות לעבודה משותפת."),
]
LOGIC_MODEL = [
    ("input", "צוות משותף של שלושת השותפים והתוכנית האסטרטגית מ-2015", [4]),
    ("activity", "גישוש בעולם הדיגיטל, האקתונים, צוותי משימה, מסעות לקוח וליווי אישי", [3, 4, 5]),
    ("output", "אתר 'קליק לרווחה', לוחות מחוונים לאגפים ורפרנטים דיגיטליים בכל אגף", [1, 2]),
    ("outcome", "אגפים מנהלים לפי נתונים ואזרחים בוחרים שירותים בדרך דיגיטלית", [1, 2, 3]),
    ("impact", "טרנספורמציה דיגיטלית של שירותי הרווחה שהמשרד מקיים בעצמו", [1, 2, 3, 4, 5]),
]
GOALS = [
    (
        "נתונים לאגפים לפי צורכיהם",
        2,
        "צוות BUILT קובע את רוב תוכנית העבודה שלו לפי צורכי האגפים.",
        (
            "חלק תוכנית העבודה של BUILT שנקבע לפי צורכי האגפים",
            "%",
            0,
            80,
            [(D(2019, 12, 31), 80, "תוכנית העבודה של צוות BUILT")],
        ),
    ),
    (
        "שירותי קהילה מרחוק לאזרחים ותיקים",
        5,
        "לבחון שירות שמחבר אזרחים ותיקים מביתם למרכזי היום.",
        (
            "אזרחים ותיקים בפיילוט בארבעה יישובים",
            "משתתפים",
            0,
            60,
            [(D(2018, 6, 30), 60, "דוח הפיילוט של ועדת ההיגוי")],
        ),
    ),
    (
        "כלי עצמי לזיהוי סיכון לאלימות בזוגיות",
        1,
        "שאלון פתוח לכל אחד, בלי הזדהות, עם הכוונה למענה.",
        ("שפות שבהן השאלון זמין", "שפות", 0, 5, [(D(2020, 12, 31), 5, "אתר i-risk")]),
    ),
]
ROLE_HOLDERS = [
    ("מוביל דיגיטלי של המשרד", "יוסי מזרחי", "משרד הרווחה והביטחון החברתי", D(2015, 11, 1)),
    ("רפרנטית דיגיטלית", "אורנה לוין", "שירות המבחן למבוגרים", D(2017, 1, 1)),
    ("רפרנט דיגיטלי", "סאמי חורי", "האגף לאנשים עם מוגבלויות", D(2017, 1, 1)),
    ("רפרנטית דיגיטלית", "דנה שמואלי", "השירות לאזרחים ותיקים", D(2017, 1, 1)),
]
PRINCIPLES = [
    (
        "principle",
        "כל יוזמה מתחילה בחלום הגדול המשותף",
        "מגדירים יחד מה אפשרי בלי מגבלות המציאות, וכך נבנית שפה משותפת.",
    ),
    (
        "principle",
        "כל יוזמה מתחילה בעצימות גבוהה",
        "השקעה גבוהה של המשרד, של עולם הדיגיטל ושל הצוות בראשית הדרך.",
    ),
    ("principle", "יוזמה אחת יכולה לענות על כמה צרכים", "לכן הרכב הצוותים ותהליך הפיתוח משתנים לאורך הדרך."),
    ("principle", "מתחים הם לגיטימיים", "מזהים אותם, מבחינים בין מובנה לחולף, ומחפשים 'גם וגם'."),
    (
        "boundary",
        "פרטיות ואבטחת מידע אינן נתונות למשא ומתן",
        "כל פתרון נבחן קודם לכן מול כללי הגנת המידע של המשרד.",
    ),
    ("boundary", "לכל יוזמה ועדת היגוי עם בעל תפקיד בכיר במשרד", "כך חסמים בירוקרטיים מטופלים בזמן."),
]
H, ORG, A, W, P, S, TECH = (
    "human_capital",
    "organisational",
    "arrangements",
    "work_methods",
    "policy",
    "strategy",
    "technology",
)
MECHANISMS = [
    # world, category, title, status, unmediated, owner
    ("digital", H, "כנסים וימי עיון על רווחה ודיגיטל", "established", False, "ג'וינט אלכא"),
    (
        "digital",
        H,
        "חיבור לרשתות ולתוכניות של מובילים דיגיטליים",
        "established",
        False,
        "מערך הדיגיטל הלאומי",
    ),
    ("both", H, "למידה בתוך העבודה: האקתונים, צוותי משימה ומסעות לקוח", "institutionalised", True, None),
    ("both", H, "ליווי אישי של יזמים ושל בעלי תפקידים במשרד", "established", False, "ג'וינט אלכא"),
    ("welfare", H, "הכשרת צוות BUILT", "institutionalised", True, "אגף מערכות מידע – משרד הרווחה"),
    ("welfare", H, "הכשרות ממוקדות לבעלי תפקידים באגפים", "established", False, None),
    ("welfare", H, "הכשרה ייעודית לצוות מערכות המידע", "established", False, "אגף מערכות מידע – משרד הרווחה"),
    ("digital", ORG, "ליווי מיזמים בהקמת פונקציית קשרי ממשל", "established", False, None),
    ("welfare", ORG, "רפרנטים דיגיטליים בכל אגף", "institutionalised", True, "משרד הרווחה והביטחון החברתי"),
    (
        "welfare",
        ORG,
        "פורומים קבועים: נאמני ידע, מקדמי דיגיטציה, BUILT",
        "institutionalised",
        True,
        "משרד הרווחה והביטחון החברתי",
    ),
    ("welfare", ORG, "צוותי פרויקט, כמו צוות אלימות במשפחה וצוות 'קליק לרווחה'", "established", False, None),
    ("digital", A, "סיוע לארגונים בבניית התקשרות ודיווח מול המשרד", "established", False, None),
    (
        "welfare",
        A,
        "התאמת התקשרות, רכש ומכרזים לעולם הדיגיטל",
        "institutionalised",
        True,
        "משרד הרווחה והביטחון החברתי",
    ),
    ("welfare", W, "תכנון שירות מוכוון אדם", "institutionalised", True, None),
    (
        "welfare",
        W,
        "Two in a box: בעל תפקיד רווחה ובעל תפקיד דאטה יוצאים לדרך יחד",
        "institutionalised",
        True,
        None,
    ),
    (
        "welfare",
        W,
        "ניהול מבוסס נתונים עם לוחות מחוונים בפרקי זמן קבועים",
        "institutionalised",
        True,
        "אגף מערכות מידע – משרד הרווחה",
    ),
    ("welfare", P, 'מדיניות לעו"ס דיגיטלי, מענה מרחוק ושימוש בווידאו', "planned", False, None),
    (
        "welfare",
        S,
        "אסטרטגיה דיגיטלית ואסטרטגיית דאטה מתהוות",
        "established",
        False,
        "משרד הרווחה והביטחון החברתי",
    ),
    (
        "welfare",
        TECH,
        "מערכות ליבה וכלי ניהול משימות כמו Monday",
        "established",
        True,
        "אגף מערכות מידע – משרד הרווחה",
    ),
]
SIGNALS = [
    (
        "שירותי קהילה לאזרחים ותיקים אינם תלויים עוד במקום גאוגרפי",
        "בעקבות פיילוט השירות מרחוק, מרכזי היום מגיעים גם לבתים.",
        D(2020, 6, 1),
        "הצוות המקצועי של השירות לאזרחים ותיקים",
    ),
    (
        "שירות קהילתי גם מחוץ לשעות הפעילות של המסגרות",
        "המענה נשאר זמין בחגים ובמועדים שבהם הצורך בקהילה תומכת עולה.",
        D(2020, 9, 1),
        "מרכזי היום",
    ),
    (
        "טכנולוגיה אינה בהכרח חסם לאזרחים ותיקים",
        "אלפי אזרחים ותיקים משתמשים בשירות בביתם.",
        D(2022, 1, 1),
        "ועדת ההיגוי",
    ),
    (
        "רווחה יוזמת ומונעת שפונה לקהל הרחב",
        "אחרי i-risk פותחו כלים לזיהוי מצבי אובדנות, לחץ וחרדה, ובני נוער בסיכון.",
        D(2021, 3, 1),
        "הנהלת המשרד",
    ),
    (
        "מיצוי זכויות הפך לתחום אחריות במשרד",
        "הוקם במשרד תחום מיצוי זכויות בעקבות 'קליק לרווחה'.",
        D(2019, 1, 1),
        "הנהלת המשרד",
    ),
]
PUBLICATIONS = [
    (
        "API אנושי: מודל הפעלה לטרנספורמציה דיגיטלית במשרד הרווחה",
        "מסמך מודל הפעלה",
        "מובילים דיגיטליים ובעלי תפקידים בממשלה ובשלטון המקומי",
        D(2024, 1, 1),
        "",
    ),
    ("שיפור הרווחה באמצעים דיגיטליים", "אתר המיזם הלאומי 'ישראל דיגיטלית'", "הציבור הרחב", D(2019, 1, 1), ""),
]
EXIT_REVIEW = {
    "reviewed_on": D(2021, 11, 30),
    "infrastructure_rating": 4,
    "infrastructure_evidence": "צוות BUILT, הרפרנטים הדיגיטליים ופורום נאמני הידע פועלים בלי ליווי הצוות.",
    "sustainability_rating": 4,
    "sustainability_evidence": "שיטות Two in a box ותכנון מוכוון אדם משמשות את האגפים; הרכש הותאם לשירותים דיגיטליים.",
    "connection_rating": 3,
    "connection_evidence": "לרוב הקשרים עם מיזמים יש בעלי תפקידים במשרד; חלק מהגישוש עדיין נשען על השותפים.",
    "decision": ExitReview.Decision.FAREWELL,
    "summary": "התשתיות חזקות דיין והמשרד מסוגל לשמר את השינוי, כולל הקשר עם עולם הדיגיטל. הצוות מסיים את תפקידו.",
}
HANDOVER = [
    ("לוחות המחוונים ותוכנית העבודה של BUILT", "ראש אגף מערכות מידע", D(2022, 3, 1)),
    ("ניהול הידע בין זרועות המשרד", "פורום נאמני הידע", D(2022, 3, 1)),
    ("הקשר השוטף עם מיזמים וחברות", "הרפרנטים הדיגיטליים באגפים", D(2022, 6, 1)),
    ("קידום מיצוי זכויות", "תחום מיצוי זכויות במשרד", D(2022, 3, 1)),
]


def _record(model, *, actor, key: dict, data: dict, many=None):
    existing = model.objects.filter(**key).first()
    return existing or services.record_create(model, actor=actor, data={**key, **data}, many=many)


def _move(phase, transition, on, justification, *, team, manager):
    if transition == T.START and phase.has_started:
        return
    if transition == T.COMPLETE and not phase.is_running:
        return
    gate = services.gate_decision_propose(
        phase=phase,
        actor=team,
        transition=transition,
        decision="go",
        justification=justification,
        effective_on=on,
    )
    services.gate_decision_sign_off(decision=gate, actor=manager)


def load_stage_demo():
    team, manager = User.objects.get(username="team"), User.objects.get(username="manager")
    orgs = {org.name: org for org in Organization.objects.all()}
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    phases = {p.stage: p for p in services.stage_phases_ensure(engagement=dw)}
    for stage, transition, on, justification in DW_MOVES:
        phase = StagePhase.objects.get(pk=phases[stage].pk)
        _move(phase, transition, on, justification, team=team, manager=manager)
    for stage, on, intensity in DW_INTENSITY:
        if not IntensityChange.objects.filter(phase=phases[stage], changed_on=on).exists():
            IntensityChange.objects.create(
                phase=phases[stage], changed_on=on, intensity=intensity, recorded_by=team
            )

    if not hasattr(dw, "change_design"):
        services.change_design_save(engagement=dw, actor=team, data=DESIGN)
    foci = [
        _record(
            ChangeFocus, actor=team, key={"engagement": dw, "title": t}, data={"description": d, "order": i}
        )
        for i, (t, d) in enumerate(FOCI, 1)
    ]
    for i, (level, text, focus_numbers) in enumerate(LOGIC_MODEL):
        _record(
            LogicModelItem,
            actor=team,
            key={"engagement": dw, "text": text},
            data={"level": level, "order": i},
            many={"change_foci": [foci[n - 1] for n in focus_numbers]},
        )
    for title, focus, description, (name, unit, baseline, target, measurements) in GOALS:
        goal = _record(
            Goal,
            actor=team,
            key={"engagement": dw, "title": title},
            data={"description": description, "change_focus": foci[focus - 1]},
        )
        metric = _record(
            SuccessMetric,
            actor=team,
            key={"goal": goal, "name": name},
            data={"unit": unit, "baseline": baseline, "target": target},
        )
        for on, value, source in measurements:
            _record(
                Measurement,
                actor=team,
                key={"metric": metric, "measured_on": on},
                data={"value": value, "source": source},
            )
    for role, name, org, on in ROLE_HOLDERS:
        _record(
            RoleHolder,
            actor=team,
            key={"engagement": dw, "full_name": name},
            data={"role": role, "organization": orgs.get(org), "appointed_on": on},
        )
    for i, (kind, title, description) in enumerate(PRINCIPLES):
        _record(
            WorkingPrinciple,
            actor=team,
            key={"engagement": dw, "title": title},
            data={"kind": kind, "description": description, "order": i},
        )
    for world, category, title, status, unmediated, owner in MECHANISMS:
        _record(
            Mechanism,
            actor=team,
            key={"engagement": dw, "title": title},
            data={
                "world": world,
                "category": category,
                "status": status,
                "unmediated": unmediated,
                "owner": orgs.get(owner) if owner else None,
                "started_on": D(2017, 1, 1),
            },
        )
    for title, evidence, on, observer in SIGNALS:
        _record(
            ChangeSignal,
            actor=team,
            key={"engagement": dw, "title": title},
            data={"evidence": evidence, "observed_on": on, "observer": observer},
        )
    for title, channel, audience, on, url in PUBLICATIONS:
        _record(
            Publication,
            actor=team,
            key={"engagement": dw, "title": title},
            data={"channel": channel, "audience": audience, "published_on": on, "url": url},
        )
    review = ExitReview.objects.filter(engagement=dw).first()
    if review is None:
        review = services.exit_review_save(
            actor=team,
            data={"engagement": dw, **EXIT_REVIEW},
            handover=[{"function": f, "ministry_role": r, "due_on": d} for f, r, d in HANDOVER],
        )
    if not review.signed_off_at:
        services.exit_review_sign_off(review=review, actor=manager)

    # The active engagement: A, B1 and B2 under way; the team has asked to start C.
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)
    phases = {p.stage: p for p in services.stage_phases_ensure(engagement=active)}
    for stage, on in (("A", D(2024, 3, 1)), ("B1", D(2024, 6, 1)), ("B2", D(2024, 6, 1))):
        _move(
            StagePhase.objects.get(pk=phases[stage].pk),
            T.START,
            on,
            "הצוות המשותף מוכן לשלב הבא.",
            team=team,
            manager=manager,
        )
    c = StagePhase.objects.get(pk=phases["C"].pk)
    if not c.has_started and not c.gate_decisions.exists():
        services.gate_decision_propose(
            phase=c,
            actor=team,
            transition=T.START,
            decision=GateDecision.Decision.GO_WITH_ACTIONS,
            justification="נמצאו שותפים בעולם הדיגיטל; אפשר להתחיל לבנות מנגנונים לצד היוזמות הראשונות.",
            effective_on=D(2025, 1, 1),
            actions=[
                {
                    "description": "למנות רפרנטית דיגיטלית באגף הרלוונטי",
                    "owner": "מנהל האגף",
                    "due_on": D(2025, 2, 1),
                }
            ],
        )
    _record(
        ChangeFocus,
        actor=team,
        key={"engagement": active, "title": "איתור מוקדם של מצבי סיכון"},
        data={"description": "כלים אוניברסליים שאינם דורשים הזדהות."},
    )
