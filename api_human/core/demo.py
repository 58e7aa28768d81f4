"""Demo data: the "Digital Welfare" engagement (2016–2021) of the Ministry of Welfare, the National
Digital Agency and JDC-Elka, the organisations of its story, its teams, and the four demo logins; and
the active engagement (2024–) with its steering committee, leading team and first joint team.

Facts come from the operating-model document (the source); the wording is ours. Loading is
idempotent: a row found by its natural key is brought up to date only where it differs.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from . import services
from .models import (
    Engagement,
    EngagementMembership,
    Organization,
    Role,
    Team,
    TeamMember,
    User,
    World,
)

K = Organization.Kind
W = World

ORGANIZATIONS = [
    # name, world, kind, website, description
    (
        "משרד הרווחה והביטחון החברתי",
        W.WELFARE,
        K.GOVERNMENT_AGENCY,
        "https://www.gov.il/he/departments/molsa",
        "המשרד הממשלתי האחראי על שירותי הרווחה בישראל, ומושא השינוי של מיזם 'רווחה דיגיטלית'. "
        "רוב השירותים ניתנים דרך המחלקות לשירותים חברתיים ברשויות המקומיות ובאמצעות גופים מפעילים.",
    ),
    (
        "אגף מערכות מידע – משרד הרווחה",
        W.WELFARE,
        K.MINISTRY_DIVISION,
        "",
        "אגף המחשוב והנתונים של המשרד. במהלך המיזם נבנו בו קשרי עבודה קבועים עם אגפי התוכן, צוות BUILT "
        "ולוחות בקרה לניהול מבוסס נתונים.",
    ),
    (
        "שירות המבחן למבוגרים",
        W.WELFARE,
        K.MINISTRY_DIVISION,
        "",
        'מלווה עוברי חוק, ובכלל זה את מסלול השירות לתועלת הציבור (של"צ) מול בתי המשפט והמסגרות הקולטות.',
    ),
    (
        "האגף לאנשים עם מוגבלויות",
        W.WELFARE,
        K.MINISTRY_DIVISION,
        "",
        "אחראי על השירותים לאנשים עם מוגבלויות, ובהם הסל הגמיש שעליו נשען חוק שירותי רווחה לאדם עם מוגבלות (2022).",
    ),
    (
        "השירות לאזרחים ותיקים",
        W.WELFARE,
        K.MINISTRY_DIVISION,
        "",
        "אחראי על שירותי הקהילה לאזרחים ותיקים, בהם מרכזי היום.",
    ),
    (
        "מערך הדיגיטל הלאומי",
        W.DIGITAL,
        K.GOVERNMENT_AGENCY,
        "https://www.gov.il/he/departments/israel_national_digital_agency",
        "הגוף הממשלתי המוביל את הדיגיטל במגזר הציבורי (לשעבר 'ישראל דיגיטלית'); אחד משלושת השותפים "
        "ב'רווחה דיגיטלית', ואנשיו פעלו בצוות ה-API האנושי.",
    ),
    (
        "ג'וינט אלכא",
        W.WELFARE,
        K.NGO,
        "https://www.thejoint.org.il",
        "זרוע של ג'וינט ישראל לפיתוח מנהיגות וניהול במגזר הציבורי; תחום הדיגיטציה שלה היה שותף במיזם ובצוות ה-API האנושי.",
    ),
    (
        "רשות החדשנות",
        W.DIGITAL,
        K.GOVERNMENT_AGENCY,
        "https://innovationisrael.org.il",
        "הגוף הממשלתי התומך בחדשנות טכנולוגית; דרכו נבנתה נוכחות של משרד הרווחה בעולם הדיגיטל.",
    ),
    (
        "Uniper",
        W.DIGITAL,
        K.STARTUP,
        "https://www.uniper-care.com",
        "ארגון שותף מעולם הדיגיטל: חברה שפיתחה מערכת המחברת אזרחים ותיקים מביתם למרכזי היום, לשירותים "
        "בקהילה ולבני המשפחה. הקשר עם המשרד החל בפגישת היכרות שיזם מייסד החברה, כשהמוצר היה עדיין רעיון.",
    ),
    (
        "atvisor",
        W.DIGITAL,
        K.STARTUP,
        "",
        "ארגון שותף מעולם הדיגיטל: חברה שצמחה באקסלרטור של ארגון איזי שפירא ופיתחה שירות היברידי לבחירת "
        "עזרים והתאמות לאנשים עם מוגבלות. הצוות הכיר אותה בקרן חדשנות שבה ישב בצוות השופטים.",
    ),
    (
        "Howazit",
        W.DIGITAL,
        K.COMPANY,
        "https://www.howazit.com",
        "ארגון שותף מעולם הדיגיטל: חברה למדידת חוויית לקוח, שהגיעה למשרד דרך מכרז אתגר שפרסם הג'וינט "
        'ופיתחה עמו מערכת לפיקוח מרחוק על מסלול השל"צ.',
    ),
    (
        'הילמ"ה – הייטק למען החברה',
        W.DIGITAL,
        K.NGO,
        "https://www.hilma.tech",
        "ארגון שותף מעולם הדיגיטל: מפתחי התוכנה שלו בונים כלים לארגונים חברתיים. בתקופת הקורונה פיתח "
        "בהתנדבות, יחד עם המשרד, את שאלון i-risk לזיהוי סיכון לאלימות בזוגיות.",
    ),
    (
        "ארגון איזי שפירא",
        W.DIGITAL,
        K.INCUBATOR,
        "",
        "ארגון לקידום אנשים עם מוגבלות, שהאקסלרטור שלו מלווה חברות הזנק ויוזמות טכנולוגיות בתחום הנגישות.",
    ),
    (
        "משרד הבריאות",
        W.WELFARE,
        K.GOVERNMENT_AGENCY,
        "https://www.gov.il/he/departments/ministry_of_health",
        "תמך בשלב מאוחר יותר בפיתוח של atvisor, בשותפות עם משרד הרווחה.",
    ),
    (
        "מועצה אזורית גליל עליון",
        W.WELFARE,
        K.LOCAL_AUTHORITY,
        "",
        "אחד מאתרי הפיילוט של שירותי הקהילה מרחוק לאזרחים ותיקים.",
    ),
    (
        "עיריית נתיבות",
        W.WELFARE,
        K.LOCAL_AUTHORITY,
        "",
        "אחד מאתרי הפיילוט של שירותי הקהילה מרחוק לאזרחים ותיקים.",
    ),
    (
        "עיריית רמת גן",
        W.WELFARE,
        K.LOCAL_AUTHORITY,
        "",
        "אחד מאתרי הפיילוט של שירותי הקהילה מרחוק לאזרחים ותיקים.",
    ),
    (
        "עיריית ירושלים",
        W.WELFARE,
        K.LOCAL_AUTHORITY,
        "",
        "אחד מאתרי הפיילוט של שירותי הקהילה מרחוק לאזרחים ותיקים.",
    ),
    (
        "Deloitte",
        W.DIGITAL,
        K.COMPANY,
        "",
        "חברת הייעוץ שכתבה ב-2015 למשרד את התוכנית האסטרטגית 'הרווחה בעידן הדיגיטלי', שעליה נשענה "
        "העבודה ב'רווחה דיגיטלית'.",
    ),
    (
        "DNAidea",
        W.WELFARE,
        K.COMPANY,
        "",
        "חברה לתשתיות יזמות ציבורית, שאספה וניתחה את הידע שממנו נכתב מודל ההפעלה של ה-API האנושי (2023).",
    ),
    (
        "Meta (Workplace)",
        W.DIGITAL,
        K.COMPANY,
        "",
        "פלטפורמת Workplace שעליה פועלות קהילות הידע המקצועיות של המשרד.",
    ),
    (
        "monday.com",
        W.DIGITAL,
        K.COMPANY,
        "https://monday.com",
        "כלי לניהול משימות ששימש כתשתית טכנולוגית בעבודת המשרד.",
    ),
]

DEMO_LOGINS = [
    # username, first name, last name, role, organisation
    ("team", "נועה", "בר", Role.TEAM, "ג'וינט אלכא"),
    ("manager", "אבי", "כהן", Role.MANAGER, "משרד הרווחה והביטחון החברתי"),
    ("partner", "דן", "לוי", Role.PARTNER, "Uniper"),
    ("admin", "מנהלת", "המערכת", Role.ADMIN, None),
]
# Ministry role holders who took over the relationships with the digital world when the team said
# farewell (the digital referents of their divisions). They sign in with the demo password like the
# demo logins, but are not among the four logins the command announces (names invented).
MINISTRY_MANAGERS = [
    ("orna.levin", "אורנה", "לוין", Role.MANAGER, "שירות המבחן למבוגרים"),
    ("sami.khoury", "סאמי", "חורי", Role.MANAGER, "האגף לאנשים עם מוגבלויות"),
    ("dana.shmueli", "דנה", "שמואלי", Role.MANAGER, "השירות לאזרחים ותיקים"),
]
# People of the story who do not sign in (their names are invented).
PEOPLE = [
    ("ronit.alon", "רונית", "אלון", Role.TEAM, "מערך הדיגיטל הלאומי"),
    ("yossi.mizrahi", "יוסי", "מזרחי", Role.TEAM, "משרד הרווחה והביטחון החברתי"),
    ("shira.golan", "שירה", "גולן", Role.TEAM, "ג'וינט אלכא"),
]
DEMO_PASSWORD = "demo"  # noqa: S105 - dev and test settings only (DEMO_LOGINS_ENABLED)

DIGITAL_WELFARE = "רווחה דיגיטלית"
DOMESTIC_VIOLENCE = "מענה דיגיטלי לסיכון לאלימות בזוגיות ובמשפחה"

ENGAGEMENTS = [
    {
        "name": DIGITAL_WELFARE,
        "description": (
            "מיזם משותף למשרד הרווחה, למערך הדיגיטל הלאומי ולג'וינט אלכא, שיצא לדרך ב-2016 כדי להוביל "
            "טרנספורמציה דיגיטלית במשרד. הצוות המשותף פעל כ-API אנושי: בנה מנגנונים, תשתיות ויכולות בעולם "
            "הרווחה ובעולם הדיגיטל, והזרים ביניהם צרכים, מידע ופתרונות. בתום שש שנים סיים הצוות את תפקידו "
            "והעביר את המשך ההטמעה לצוותים ולבעלי התפקידים במשרד."
        ),
        "change_object_kind": Engagement.ChangeObjectKind.ORGANIZATION,
        "change_object": "משרד הרווחה והביטחון החברתי",
        "change_object_organization": "משרד הרווחה והביטחון החברתי",
        "start_date": date(2016, 1, 1),
        "end_date": date(2021, 12, 31),
        "status": Engagement.Status.COMPLETED,
        "partners": ["מערך הדיגיטל הלאומי", "ג'וינט אלכא"],
        # The Human API team itself (JDC-Elka and the National Digital Agency) sits between the worlds;
        # ministry staff, the ministry's digital leader included, belong to the welfare world.
        "memberships": [
            ("team", EngagementMembership.Role.LEAD, W.BRIDGE, date(2016, 1, 1), None),
            ("manager", EngagementMembership.Role.MANAGER, W.WELFARE, date(2016, 1, 1), None),
            (
                "yossi.mizrahi",
                EngagementMembership.Role.MEMBER,
                W.WELFARE,
                date(2016, 1, 1),
                date(2021, 12, 31),
            ),
            ("ronit.alon", EngagementMembership.Role.MEMBER, W.BRIDGE, date(2016, 1, 1), date(2019, 6, 30)),
            (
                "shira.golan",
                EngagementMembership.Role.MEMBER,
                W.BRIDGE,
                date(2019, 7, 1),
                date(2021, 12, 31),
            ),
        ],
        "teams": [
            {
                "name": "ועדת ההיגוי של רווחה דיגיטלית",
                "kind": Team.Kind.STEERING_COMMITTEE,
                "formed_on": date(2016, 3, 1),
                "dissolved_on": date(2021, 12, 31),
                "description": "שלושת השותפים יחד: מכוונת את המיזם ומאשרת את המעבר בין השלבים.",
                "members": [
                    ("manager", "", "נציג הנהלת המשרד", "משרד הרווחה והביטחון החברתי", W.WELFARE),
                    (None, "עמית רז", "נציג מערך הדיגיטל הלאומי", "מערך הדיגיטל הלאומי", W.DIGITAL),
                    (None, "ליאת שגיא", "מנהלת תחום דיגיטציה", "ג'וינט אלכא", W.BRIDGE),
                    ("team", "", "מובילת צוות ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
            {
                "name": "הצוות המוביל במשרד",
                "kind": Team.Kind.LEADING_TEAM,
                "formed_on": date(2016, 6, 1),
                "description": "הוקם בין שלב א' לשלב ב' כדי להוביל את השינוי מתוך המשרד.",
                "members": [
                    (
                        "yossi.mizrahi",
                        "",
                        "המוביל הדיגיטלי של המשרד",
                        "משרד הרווחה והביטחון החברתי",
                        W.WELFARE,
                    ),
                    ("manager", "", "נציג ההנהלה", "משרד הרווחה והביטחון החברתי", W.WELFARE),
                ],
            },
            {
                "name": "צוות עבודה – רווחה בשירות עצמי",
                "kind": Team.Kind.WORK_TEAM,
                "content_area": "רווחה בשירות עצמי",
                "formed_on": date(2016, 9, 1),
                "description": "הנגשת מידע וזכויות לאזרח; מתוכו צמח אתר 'קליק לרווחה'.",
                "members": [],
            },
            {
                "name": "צוות עבודה – שירות מרחוק",
                "kind": Team.Kind.WORK_TEAM,
                "content_area": "שירות מרחוק",
                "formed_on": date(2016, 9, 1),
                "description": "שירותי רווחה שאינם תלויים במקום, למשל חיבור אזרחים ותיקים למרכזי היום מהבית.",
                "members": [],
            },
            {
                "name": "צוות עבודה – כלים דיגיטליים למטפל",
                "kind": Team.Kind.WORK_TEAM,
                "content_area": "כלים דיגיטליים למטפל",
                "formed_on": date(2016, 9, 1),
                "description": "כלים לעובדים סוציאליים ולאנשי מקצוע, כמו כלי ההערכה 'איתותים' לבני נוער בסיכון.",
                "members": [],
            },
            {
                "name": "צוות BUILT – Business Intelligence Leading Team",
                "kind": Team.Kind.WORK_TEAM,
                "content_area": "תהליכי ניהול וניהול מבוסס נתונים",
                "formed_on": date(2018, 1, 1),
                "description": (
                    "צוות בין-אגפי שנולד מהעבודה המשותפת אחרי האקתון ה-BI והדטאתון: מאתר צורכי נתונים ובונה "
                    "לוחות בקרה; כ-80% מתוכנית העבודה נקבעים לפי צורכי האגפים וכ-20% לפי הנהלת המשרד. "
                    "מתוכו יצא 'בוקר טוב למפקח'."
                ),
                "members": [
                    (None, "מיכאל פרץ", "ראש צוות BI", "אגף מערכות מידע – משרד הרווחה", W.WELFARE),
                ],
            },
            {
                "name": "ועדת ההיגוי – שירותי קהילה מרחוק לאזרח הוותיק",
                "formerly": "צוות משותף – שירותי קהילה מרחוק לאזרח הוותיק",
                "kind": Team.Kind.STEERING_COMMITTEE,
                "formed_on": date(2017, 6, 1),
                "description": (
                    "הוקמה כדי לפתח את השירות: היזם מ-Uniper, הצוות המקצועי של השירות לאזרחים ותיקים וה-API "
                    "האנושי. עקבה אחר פיתוח המענה וליוותה את הפיילוט של 60 אזרחים ותיקים בארבעה יישובים."
                ),
                "members": [
                    ("partner", "", "נציג היזם", "Uniper", W.DIGITAL),
                    (None, "חנה אברהם", "מפקחת ארצית", "השירות לאזרחים ותיקים", W.WELFARE),
                    ("ronit.alon", "", "ליווי מטעם ה-API האנושי", "מערך הדיגיטל הלאומי", W.BRIDGE),
                ],
            },
            {
                "name": "צוות משותף – סל גמיש לאנשים עם מוגבלות",
                "kind": Team.Kind.JOINT_TEAM,
                "formed_on": date(2017, 12, 1),
                "description": (
                    "צוות atvisor ואנשי האגף לאנשים עם מוגבלויות נפגשו כל שבועיים בעצימות גבוהה. בעלי תפקידים "
                    "בכירים במשרד ישבו בצוות ועזרו לפרק חסמים בירוקרטיים, ולעיתים הותאמו תקנות שעיכבו את הפיתוח."
                ),
                "members": [
                    (None, "תמר שחר", "מנהלת המוצר", "atvisor", W.DIGITAL),
                    (None, "רחל דיין", "סגנית ראש האגף", "האגף לאנשים עם מוגבלויות", W.WELFARE),
                    ("sami.khoury", "", "הרפרנט הדיגיטלי של האגף", "האגף לאנשים עם מוגבלויות", W.WELFARE),
                    ("team", "", "ליווי מטעם ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
            {
                "name": 'צוות משימה – מסלול השל"צ',
                "kind": Team.Kind.TASK_FORCE,
                "formed_on": date(2019, 2, 1),
                "description": (
                    "צוות בין-מגזרי של בעלי תפקידים מכמה תחומי תוכן ונציגי Howazit: מיפה את מסע הלקוח של עובר "
                    'החוק במסלול השל"צ, חיפש פתרונות בכמה ממדים ובנה את מערכת הפיקוח מרחוק.'
                ),
                "members": [
                    (None, "עידו נחום", "ראש צוות מוצר", "Howazit", W.DIGITAL),
                    (None, "מרים חדד", "קצינת מבחן בכירה", "שירות המבחן למבוגרים", W.WELFARE),
                    (
                        "orna.levin",
                        "",
                        "הרפרנטית הדיגיטלית של שירות המבחן",
                        "שירות המבחן למבוגרים",
                        W.WELFARE,
                    ),
                    ("team", "", "ליווי מטעם ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
            {
                "name": "צוות משותף – i-risk",
                "kind": Team.Kind.JOINT_TEAM,
                "formed_on": date(2020, 6, 1),
                "description": (
                    'מומחי תוכן של המשרד בתחום האלימות במשפחה ומתנדבי הילמ"ה, בעצימות גבוהה מאוד כדי להגיע '
                    "למענה מהר ככל האפשר; לצד התוכן עסק הצוות באבטחת המידע ובפרטיות של מי שממלא את השאלון."
                ),
                "members": [
                    (None, "גל ברק", "מובילת פיתוח בהתנדבות", 'הילמ"ה – הייטק למען החברה', W.DIGITAL),
                    (
                        None,
                        "נורית אלמוג",
                        "מומחית תוכן לאלימות במשפחה",
                        "משרד הרווחה והביטחון החברתי",
                        W.WELFARE,
                    ),
                    ("shira.golan", "", "ליווי מטעם ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
        ],
    },
    {
        "name": DOMESTIC_VIOLENCE,
        "description": (
            "תהליך API אנושי שמושא השינוי שלו הוא סוגיה חברתית: איתור מוקדם של סיכון לאלימות בזוגיות ובמשפחה "
            "והכוונה למענה מותאם, בהמשך לשאלון i-risk ולכלים שבאו אחריו (ask-s, Howru, איתותים)."
        ),
        "change_object_kind": Engagement.ChangeObjectKind.SOCIAL_ISSUE,
        "change_object": "אלימות בזוגיות ובמשפחה",
        "change_object_organization": None,
        "start_date": date(2024, 3, 1),
        "end_date": None,
        "status": Engagement.Status.ACTIVE,
        "partners": ['הילמ"ה – הייטק למען החברה', "ג'וינט אלכא"],
        "memberships": [
            ("team", EngagementMembership.Role.LEAD, W.BRIDGE, date(2024, 3, 1), None),
            ("manager", EngagementMembership.Role.MANAGER, W.WELFARE, date(2024, 3, 1), None),
            ("shira.golan", EngagementMembership.Role.MEMBER, W.BRIDGE, date(2024, 3, 1), None),
        ],
        "teams": [
            {
                "name": "ועדת היגוי – מענה דיגיטלי לאלימות",
                "kind": Team.Kind.STEERING_COMMITTEE,
                "formed_on": date(2024, 4, 1),
                "description": 'מומחי תוכן בתחום האלימות במשפחה, נציגי הילמ"ה וה-API האנושי.',
                "members": [
                    ("manager", "", "נציג הנהלת המשרד", "משרד הרווחה והביטחון החברתי", W.WELFARE),
                    (None, "גל ברק", "מובילת פיתוח בהתנדבות", 'הילמ"ה – הייטק למען החברה', W.DIGITAL),
                    ("team", "", "מובילת צוות ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
            {
                "name": "הצוות המוביל במשרד – אלימות בזוגיות ובמשפחה",
                "kind": Team.Kind.LEADING_TEAM,
                "formed_on": date(2024, 6, 1),
                "description": "מוביל את השינוי מתוך המשרד: מחליט אילו צרכים יוצאים לעולם הדיגיטל ומאשר כל נוסח "
                "שמגיע לציבור.",
                "members": [
                    ("manager", "", "נציג ההנהלה", "משרד הרווחה והביטחון החברתי", W.WELFARE),
                    (
                        None,
                        "נורית אלמוג",
                        "מומחית תוכן לאלימות במשפחה",
                        "משרד הרווחה והביטחון החברתי",
                        W.WELFARE,
                    ),
                ],
            },
            {
                "name": "צוות משותף – הפניה חמה מהשאלון העצמי",
                "kind": Team.Kind.JOINT_TEAM,
                "formed_on": date(2025, 9, 1),
                "description": (
                    'מתנדבי הילמ"ה, מומחית התוכן של המשרד ומלווה מה-API האנושי נפגשים כל שבוע: בונים את הדרך '
                    "שבה מי שממלאים את השאלון יכולים לבקש שגורם מטפל באזורם יחזור אליהם."
                ),
                "members": [
                    (None, "גל ברק", "מובילת פיתוח בהתנדבות", 'הילמ"ה – הייטק למען החברה', W.DIGITAL),
                    (
                        None,
                        "נורית אלמוג",
                        "מומחית תוכן לאלימות במשפחה",
                        "משרד הרווחה והביטחון החברתי",
                        W.WELFARE,
                    ),
                    ("shira.golan", "", "ליווי מטעם ה-API האנושי", "ג'וינט אלכא", W.BRIDGE),
                ],
            },
        ],
    },
]


@dataclass
class DemoResult:
    created: int = 0
    updated: int = 0


def _sync(instance, data: dict, update) -> bool:
    changed = {field: value for field, value in data.items() if getattr(instance, field) != value}
    if changed:
        update(changed)
    return bool(changed)


class DemoLoader:
    def __init__(self):
        self.result = DemoResult()
        self.orgs: dict[str, Organization] = {}
        self.users: dict[str, User] = {}

    def run(self) -> DemoResult:
        with transaction.atomic():
            self._organizations()
            self._people()
            for spec in ENGAGEMENTS:
                self._engagement(spec)
        return self.result

    def _count(self, created: bool, changed: bool = False):
        if created:
            self.result.created += 1
        elif changed:
            self.result.updated += 1

    def _organizations(self):
        for name, world, kind, website, description in ORGANIZATIONS:
            data = {"world": world, "kind": kind, "website": website, "description": description}
            org = Organization.objects.filter(name=name).first()
            if org is None:
                org = services.organization_create(actor=None, name=name, **data)
                self._count(True)
            else:
                self._count(
                    False,
                    _sync(
                        org,
                        data,
                        lambda changed, org=org: services.organization_update(
                            organization=org, actor=None, data=changed
                        ),
                    ),
                )
            self.orgs[name] = org

    def _people(self):
        signs_in = {row[0] for row in DEMO_LOGINS + MINISTRY_MANAGERS}
        for username, first, last, role, org_name in DEMO_LOGINS + MINISTRY_MANAGERS + PEOPLE:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "role": role,
                    "organization": self.orgs.get(org_name),
                },
            )
            self._count(created)
            changed = created
            if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
                user.is_staff = user.is_superuser = changed = True
            if username in signs_in and settings.DEMO_LOGINS_ENABLED:
                if not user.check_password(DEMO_PASSWORD):
                    user.set_password(DEMO_PASSWORD)
                    changed = True
            elif user.has_usable_password():
                user.set_unusable_password()
                changed = True
            if changed:  # a second run writes nothing (no new history rows)
                user.save()
            self.users[username] = user

    def _engagement(self, spec: dict):
        data = {
            "description": spec["description"],
            "change_object_kind": spec["change_object_kind"],
            "change_object": spec["change_object"],
            "change_object_organization": self.orgs.get(spec["change_object_organization"]),
            "start_date": spec["start_date"],
            "end_date": spec["end_date"],
            "status": spec["status"],
        }
        partners = [self.orgs[name] for name in spec["partners"]]
        engagement = Engagement.objects.filter(name=spec["name"]).first()
        if engagement is None:
            admin = self.users["admin"]
            engagement = services.engagement_create(
                actor=admin, name=spec["name"], partner_organizations=partners, **data
            )
            self._count(True)
        else:
            changed = _sync(
                engagement,
                data,
                lambda changed: services.engagement_update(engagement=engagement, actor=None, data=changed),
            )
            if set(engagement.partner_organizations.all()) != set(partners):
                services.engagement_update(
                    engagement=engagement, actor=None, data={"partner_organizations": partners}
                )
                changed = True
            self._count(False, changed)
        for username, role, world, valid_from, valid_to in spec["memberships"]:
            self._membership(engagement, self.users[username], role, world, valid_from, valid_to)
        for team_spec in spec["teams"]:
            self._team(engagement, team_spec)

    def _membership(self, engagement, user, role, world, valid_from, valid_to):
        membership = EngagementMembership.objects.filter(
            engagement=engagement, user=user, valid_from=valid_from
        ).first()
        data = {"role": role, "world": world, "valid_to": valid_to}
        if membership is None:
            services.membership_create(
                engagement=engagement, actor=None, user=user, valid_from=valid_from, **data
            )
            self._count(True)
        else:
            self._count(
                False,
                _sync(
                    membership,
                    data,
                    lambda changed: services.membership_update(
                        membership=membership, actor=None, data=changed
                    ),
                ),
            )

    def _team(self, engagement, spec: dict):
        data = {
            "kind": spec["kind"],
            "content_area": spec.get("content_area", ""),
            "description": spec.get("description", ""),
            "formed_on": spec.get("formed_on"),
            "dissolved_on": spec.get("dissolved_on"),
        }
        team = Team.objects.filter(engagement=engagement, name=spec["name"]).first()
        if team is None and spec.get("formerly"):  # an earlier demo named it otherwise: rename it
            team = Team.objects.filter(engagement=engagement, name=spec["formerly"]).first()
            if team is not None:
                data["name"] = spec["name"]
        if team is None:
            team = services.team_create(actor=None, engagement=engagement, name=spec["name"], **data)
            self._count(True)
        else:
            self._count(
                False,
                _sync(team, data, lambda changed: services.team_update(team=team, actor=None, data=changed)),
            )
        for username, full_name, title, org_name, world in spec["members"]:
            user = self.users[username] if username else None
            member = TeamMember.objects.filter(team=team, user=user, full_name=full_name).first()
            member_data = {
                "title": title,
                "organization": self.orgs[org_name],
                "world": world,
                "valid_from": data["formed_on"],
                "valid_to": data["dissolved_on"],
            }
            if member is None:
                services.team_member_create(
                    actor=None, team=team, user=user, full_name=full_name, **member_data
                )
                self._count(True)
            else:
                self._count(
                    False,
                    _sync(
                        member,
                        member_data,
                        lambda changed, member=member: services.team_member_update(
                            member=member, actor=None, data=changed
                        ),
                    ),
                )


def load_demo() -> DemoResult:
    return DemoLoader().run()
