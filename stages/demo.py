"""Stage demo data: the stages of "Digital Welfare" (2016–2021) and of the active demo engagement.

Facts follow the operating-model document, the source (the 2015 strategic plan, the venture from
2016, the team stepping away after six years, the mechanisms table, the pilots' figures); the
wording is ours. The active engagement (2024–) has the stage-A design and stage-B1 principles a team
would have written by its third year, with the gaps such a team still has. Idempotent: a record found
by its key is brought up to date only where it differs.
"""

from datetime import date, datetime, time

from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, User
from initiatives.demo import BI_DASHBOARDS, ELDERLY
from initiatives.models import Initiative

from . import services
from .models import (
    ChangeDesign,
    ChangeFocus,
    ChangeSignal,
    ExitReview,
    GateDecision,
    Goal,
    HandoverItem,
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

# The exit review of "Digital Welfare": the farewell, before the team left at the end of 2021. Every
# historical record of the engagement (buds of change, ratings of the review) is dated on or before it.
DW_EXIT_REVIEW_ON = D(2021, 11, 30)

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
    ("output", "אתר 'קליק לרווחה', לוחות בקרה לאגפים ורפרנטים דיגיטליים בכל אגף", [1, 2]),
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
    (
        "principle",
        "מתחים הם לגיטימיים",
        "נותנים למתח ולקושי שהוא מעורר לגיטימציה; שואלים אם הוא טבוע במפגש בין דיגיטל לרווחה או נולד "
        "מתהליך השינוי עצמו; קובעים קריטריונים להחלטה וחושבים 'גם וגם'; וכשהעיסוק בו עוצר את ההתקדמות – "
        "קופצים למים.",
    ),
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
    # world, category, title, status, unmediated, owner — at the farewell the ministry's own teams run
    # all but four; those four (the team's own mentoring and support work) are the handover items.
    ("digital", H, "כנסים וימי עיון על רווחה ודיגיטל", "established", False, "ג'וינט אלכא"),
    (
        "digital",
        H,
        "חיבור לרשתות ולתוכניות של מובילים דיגיטליים",
        "established",
        True,
        "מערך הדיגיטל הלאומי",
    ),
    ("both", H, "למידה בתוך העבודה: האקתונים, צוותי משימה ומסעות לקוח", "institutionalised", True, None),
    ("both", H, "ליווי אישי של יזמים ושל בעלי תפקידים במשרד", "established", False, "ג'וינט אלכא"),
    ("welfare", H, "הכשרת צוות BUILT", "institutionalised", True, "אגף מערכות מידע – משרד הרווחה"),
    ("welfare", H, "הכשרות ממוקדות לבעלי תפקידים באגפים", "established", True, None),
    ("welfare", H, "הכשרה ייעודית לצוות מערכות המידע", "established", True, "אגף מערכות מידע – משרד הרווחה"),
    ("digital", ORG, "ליווי ארגונים שותפים בהקמת פונקציית קשרי ממשל", "established", False, None),
    ("welfare", ORG, "רפרנטים דיגיטליים בכל אגף", "institutionalised", True, "משרד הרווחה והביטחון החברתי"),
    (
        "welfare",
        ORG,
        "פורומים קבועים: נאמני ידע, מקדמי דיגיטציה, BUILT",
        "institutionalised",
        True,
        "משרד הרווחה והביטחון החברתי",
    ),
    ("welfare", ORG, "צוותי פרויקט, כמו צוות אלימות במשפחה וצוות 'קליק לרווחה'", "established", True, None),
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
        "ניהול מבוסס נתונים עם לוחות בקרה בפרקי זמן קבועים",
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
        True,
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
        "האזרחים הוותיקים בפיילוט ובהרחבה שאחריו השתמשו בשירות מביתם; החשש שלא ישתפו פעולה לא התממש.",
        D(2021, 6, 1),
        "ועדת ההיגוי של שירותי הקהילה מרחוק",
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
    (
        "שיפור הרווחה באמצעים דיגיטליים",
        "אתר התוכנית הלאומית 'ישראל דיגיטלית'",
        "הציבור הרחב",
        D(2019, 1, 1),
        "",
    ),
]
EXIT_REVIEW = {
    "reviewed_on": DW_EXIT_REVIEW_ON,
    "infrastructure_rating": 4,
    "infrastructure_evidence": "צוות BUILT, הרפרנטים הדיגיטליים ופורום נאמני הידע פועלים בלי ליווי הצוות.",
    "sustainability_rating": 4,
    "sustainability_evidence": "שיטות Two in a box ותכנון מוכוון אדם משמשות את האגפים; הרכש הותאם לשירותים דיגיטליים.",
    "connection_rating": 3,
    "connection_evidence": "את הקשרים עם הארגונים השותפים מעולם הדיגיטל מחזיקים עכשיו בעלי תפקידים במשרד "
    "(הרפרנטים הדיגיטליים באגפים); חלק מהגישוש אחר ארגונים חדשים עדיין נשען על השותפים.",
    "decision": ExitReview.Decision.FAREWELL,
    "summary": "התשתיות חזקות דיין והמשרד מסוגל לשמר את השינוי, כולל הקשר עם עולם הדיגיטל. הצוות מסיים את תפקידו.",
}
HANDOVER = [
    ("לוחות הבקרה ותוכנית העבודה של BUILT", "ראש אגף מערכות מידע", D(2021, 12, 31)),
    ("ניהול הידע בין זרועות המשרד", "פורום נאמני הידע", D(2021, 12, 31)),
    ("הקשר השוטף עם הארגונים השותפים מעולם הדיגיטל", "הרפרנטים הדיגיטליים באגפים", D(2021, 12, 15)),
    ("קידום מיצוי זכויות", "תחום מיצוי זכויות במשרד", D(2021, 12, 31)),
]


# The active engagement (2024–): a social issue, so its design speaks of people at risk and of the bodies
# that answer them, not of one organisation. Stage A is close to its exit: the impact level of the logic
# model is still to be agreed with the steering committee.
DV_DESIGN = {
    "desired_reality": "כל מי שחיים בסיכון לאלימות בזוגיות ובמשפחה, גם מי שאינם מוכרים לשירותי הרווחה, יכולים "
    "לזהות את הסיכון מוקדם, בשפתם ובלי להזדהות, ולהגיע בבחירתם לגורם מטפל קרוב. המשרד, המרכזים המטפלים "
    "והארגונים השותפים מעולם הדיגיטל משפרים את הכלים יחד, לפי נתונים שאינם מזהים איש.",
    "current_state": "רבים מגיעים לעזרה רק אחרי אירוע חמור. שאלון i-risk פתוח לכולם בחמש שפות, אבל אין דרך "
    "לדעת אם מי שממלאים אותו מגיעים לעזרה, ואין מעבר ישיר ממנו לגורם מטפל. הכלים שפותחו אחריו פועלים כל אחד "
    "לבד, ורוב הנוסחים לא נבדקו עם הקהילות שאינן פונות היום לשירותים.",
    "theory_of_change": "",
    "maturity_diagnostic": "אבחון בשלות דיגיטלית של המטה לאלימות במשפחה ושל שלושה מרכזים לטיפול ולמניעת "
    "אלימות במשפחה: ראיונות עם מנהלות ועובדות, מיפוי הכלים והמערכות שבשימוש וכללי הגנת המידע החלים עליהם.",
    "maturity_diagnosed_on": D(2024, 10, 15),
}
DV_FOCI = [
    ("איתור מוקדם של מצבי סיכון", "כלים אוניברסליים שאינם דורשים הזדהות."),
    ("מהשאלון אל העזרה", "רצף בין הכלי העצמי לבין הגורמים המטפלים, לפי בחירת מי שממלאים אותו."),
    ("נגישות לכל הקהילות", "שפות, נוסחים ודוגמאות שמתאימים לאוכלוסיות שאינן פונות היום לשירותי הרווחה."),
    ("למידה מנתונים ושמירה על אנונימיות", "נתוני שימוש מצטברים שעוזרים לשפר את הכלים בלי לזהות איש."),
]
DV_LOGIC_MODEL = [
    ("input", 'צוות ה-API האנושי, מומחי התוכן של המטה לאלימות במשפחה ומתנדבי הילמ"ה', [1, 2]),
    ("activity", "גישוש בעולם הדיגיטל, האקתון, צוות משותף להפניה חמה וקול קורא לבני נוער", [1, 2, 3]),
    ("output", "הפניה חמה מהשאלון למרכזים, נוסחים לקהילות נוספות ולוח בקרה לנתוני שימוש מצטברים", [2, 3, 4]),
    ("outcome", "יותר אנשים בסיכון מזהים אותו מוקדם ומגיעים לעזרה, בשפתם ובלי להזדהות", [1, 2, 3]),
]
DV_GOALS = [
    (
        "הכלי העצמי זמין לאוכלוסיות שאינן מאותרות היום",
        3,
        "להוסיף שפות ונוסחים שנבדקו עם הקהילות עצמן.",
        ("שפות שבהן השאלון העצמי זמין", "שפות", 5, 7, [(D(2024, 9, 1), 5, "אתר השאלון")]),
    ),
    (
        "מי שמבקשים עזרה דרך השאלון מגיעים לגורם מטפל",
        2,
        "הפניה חמה למרכז לטיפול ולמניעת אלימות במשפחה באזור המגורים, רק לפי בקשה מפורשת.",
        (
            "מרכזים לטיפול ולמניעת אלימות במשפחה שמקבלים הפניות מהשאלון",
            "מרכזים",
            0,
            12,
            [(D(2025, 6, 30), 0, "מיפוי המרכזים של המטה לאלימות במשפחה")],
        ),
    ),
    (
        "לומדים מנתוני השימוש בלי לפגוע באנונימיות",
        4,
        "נתונים מצטברים בלבד, שמגיעים למשרד בפרקי זמן קבועים.",
        (
            "כלים עצמיים שמדווחים למשרד נתוני שימוש מצטברים",
            "כלים",
            0,
            3,
            [(D(2025, 12, 31), 0, "סקירת הצוות"), (D(2026, 9, 30), 1, "לוח הבקרה של המטה לאלימות במשפחה")],
        ),
    ),
]
DV_PRINCIPLES = [
    (
        "principle",
        "מי שממלאים את השאלון מחליטים",
        "הכלי מציע דרכים לעזרה; ההחלטה אם ומתי לפנות, ולמי, נשארת בידיהם.",
    ),
    (
        "principle",
        "כל נוסח שמגיע לציבור עובר את מומחי התוכן",
        "השותפים מעולם הדיגיטל בונים ובודקים עם משתמשים; מומחי המטה מאשרים את התוכן לפני שהוא עולה.",
    ),
    (
        "boundary",
        "אין מידע מזהה בלי בקשה מפורשת",
        "פרטי קשר עוברים לגורם מטפל רק כשמי שממלאים את השאלון מבקשים זאת, ואינם נשמרים אצל השותפים.",
    ),
]

# Titles an earlier demo used, and what they are now (so loading again brings an old database up to date).
RENAMED = [
    (
        Mechanism,
        "title",
        "ניהול מבוסס נתונים עם לוחות מחוונים בפרקי זמן קבועים",
        "ניהול מבוסס נתונים עם לוחות בקרה בפרקי זמן קבועים",
    ),
    (
        Mechanism,
        "title",
        "ליווי מיזמים בהקמת פונקציית קשרי ממשל",
        "ליווי ארגונים שותפים בהקמת פונקציית קשרי ממשל",
    ),
    (
        LogicModelItem,
        "text",
        "אתר 'קליק לרווחה', לוחות מחוונים לאגפים ורפרנטים דיגיטליים בכל אגף",
        "אתר 'קליק לרווחה', לוחות בקרה לאגפים ורפרנטים דיגיטליים בכל אגף",
    ),
]


def _moment(on: date):
    """Noon of a past day: when a historical record was written or signed."""
    return timezone.make_aware(datetime.combine(on, time(12, 0)))


def _record(model, *, actor, key: dict, data: dict, many=None):
    """Create the record, or bring the one found by ``key`` up to date where it differs (idempotent)."""
    existing = model.objects.filter(**key).first()
    if existing is None:
        return services.record_create(model, actor=actor, data={**key, **data}, many=many)
    changed = {field: value for field, value in data.items() if getattr(existing, field) != value}
    many_changed = {
        field: values
        for field, values in (many or {}).items()
        if set(getattr(existing, field).all()) != set(values)
    }
    if changed or many_changed:
        return services.record_update(existing, actor=actor, data=changed, many=many_changed)
    return existing


def _rename(engagement, *, actor):
    for model, field, old, new in RENAMED:
        if model.objects.filter(engagement=engagement, **{field: new}).exists():
            continue
        record = model.objects.filter(engagement=engagement, **{field: old}).first()
        if record is not None:
            services.record_update(record, actor=actor, data={field: new})


def _exit_review(dw, *, team, manager):
    """The farewell review of 2021, signed off by the manager on the day it was held."""
    handover = [{"function": f, "ministry_role": r, "due_on": d} for f, r, d in HANDOVER]
    review = ExitReview.objects.filter(engagement=dw).first()
    if review is None:
        review = services.exit_review_save(
            actor=team, data={"engagement": dw, **EXIT_REVIEW}, handover=handover
        )
    elif not review.signed_off_at:
        services.exit_review_save(actor=team, review=review, data=EXIT_REVIEW, handover=handover)
    else:  # signed off by an earlier demo: a signed review is final, so only its facts are corrected here
        changed = {field: value for field, value in EXIT_REVIEW.items() if getattr(review, field) != value}
        if changed:
            ExitReview.objects.filter(pk=review.pk).update(**changed)
        items = list(review.handover.order_by("id").values("function", "ministry_role", "due_on"))
        if items != handover:
            review.handover.all().delete()
            HandoverItem.objects.bulk_create(HandoverItem(review=review, **item) for item in handover)
    review = ExitReview.objects.get(pk=review.pk)
    if not review.signed_off_at:
        review = services.exit_review_sign_off(review=review, actor=manager)
    signed = _moment(DW_EXIT_REVIEW_ON)
    if review.signed_off_at != signed:  # the services stamp "now"; the review was held in 2021
        ExitReview.objects.filter(pk=review.pk).update(
            signed_off_at=signed, created_at=signed, updated_at=signed
        )


def _historical_gate_times(engagement):
    """Gate decisions of a finished engagement were proposed and signed when they took effect."""
    for decision in GateDecision.objects.filter(phase__engagement=engagement):
        moment = _moment(decision.effective_on)
        if decision.proposed_at != moment or (decision.reviewed_at and decision.reviewed_at != moment):
            GateDecision.objects.filter(pk=decision.pk).update(
                proposed_at=moment, reviewed_at=moment if decision.reviewed_at else None
            )


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


def _design(engagement, data: dict, *, actor):
    """Stage A's statements, written once and brought up to date where they differ."""
    design = ChangeDesign.objects.filter(engagement=engagement).first()
    changed = data if design is None else {f: v for f, v in data.items() if getattr(design, f) != v}
    if changed:
        services.change_design_save(engagement=engagement, actor=actor, data=changed)


def _change_design_records(engagement, team, *, foci, logic_model, goals):
    """The change foci, the logic model and the goals with their success metrics and measurements."""
    foci = [
        _record(
            ChangeFocus,
            actor=team,
            key={"engagement": engagement, "title": t},
            data={"description": d, "order": i},
        )
        for i, (t, d) in enumerate(foci, 1)
    ]
    for i, (level, text, focus_numbers) in enumerate(logic_model):
        _record(
            LogicModelItem,
            actor=team,
            key={"engagement": engagement, "text": text},
            data={"level": level, "order": i},
            many={"change_foci": [foci[n - 1] for n in focus_numbers]},
        )
    for title, focus, description, (name, unit, baseline, target, measurements) in goals:
        goal = _record(
            Goal,
            actor=team,
            key={"engagement": engagement, "title": title},
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
    _rename(dw, actor=team)
    _change_design_records(dw, team, foci=FOCI, logic_model=LOGIC_MODEL, goals=GOALS)
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
    _exit_review(dw, team=team, manager=manager)
    _historical_gate_times(dw)

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
    _design(active, DV_DESIGN, actor=team)
    _change_design_records(active, team, foci=DV_FOCI, logic_model=DV_LOGIC_MODEL, goals=DV_GOALS)
    for i, (kind, title, description) in enumerate(DV_PRINCIPLES):
        _record(
            WorkingPrinciple,
            actor=team,
            key={"engagement": active, "title": title},
            data={"kind": kind, "description": description, "order": i},
        )


# Mechanisms of stage C and the initiatives that built or rely on them.
MECHANISM_LINKS = [
    ("הכשרת צוות BUILT", [BI_DASHBOARDS]),
    (
        "Two in a box: בעל תפקיד רווחה ובעל תפקיד דאטה יוצאים לדרך יחד",
        [BI_DASHBOARDS, "בוקר טוב למפקח"],
    ),
    ("ניהול מבוסס נתונים עם לוחות בקרה בפרקי זמן קבועים", [BI_DASHBOARDS, "בוקר טוב למפקח"]),
    (
        "התאמת התקשרות, רכש ומכרזים לעולם הדיגיטל",
        ["קליק לרווחה", ELDERLY, "סל גמיש לאנשים עם מוגבלות"],
    ),
    ("פורומים קבועים: נאמני ידע, מקדמי דיגיטציה, BUILT", ["פורום נאמני ידע"]),
    ("תכנון שירות מוכוון אדם", ['מערכת לשירות לתועלת הציבור (של"צ)', "סל גמיש לאנשים עם מוגבלות"]),
]

# The active engagement (2024–): what it set out to answer, building on i-risk. key: (title, description,
# category, sub-category (its English name), source, content world, status).


def load_mechanism_links_demo():
    """Which initiatives built or rely on each mechanism of stage C (after the initiatives' demo)."""
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    for mechanism_title, initiative_titles in MECHANISM_LINKS:
        mechanism = Mechanism.objects.filter(engagement=dw, title=mechanism_title).first()
        if mechanism is not None:
            missing = Initiative.objects.filter(engagement=dw, title__in=initiative_titles).exclude(
                mechanisms=mechanism
            )
            if missing:
                mechanism.initiatives.add(*missing)
