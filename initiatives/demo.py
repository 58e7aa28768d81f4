"""Demo data: the needs and initiatives of "Digital Welfare", in our own words (their tensions are in
``tensions/demo.py``, the mechanisms they built in ``stages/demo.py``).

Each initiative keeps the source's shape (need → the Human API's process → solution → impact), starts
from a shared big dream, and may answer more than one need (Click LaRevacha is also part of the answer
to the flexible basket). The active engagement (2024–) has the needs, first initiatives and
tensions of its third year, dated as the team recorded them. Idempotent: a record found by its title
is brought up to date where it differs, so loading twice changes nothing.
"""

from datetime import date, timedelta

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, Team, User
from api_human.core.services import record_create, record_update

from . import services
from .models import Initiative, Need, NeedSubcategory, Pilot, PilotKpi

D = date
V, OP, F, AD = "venture", "operator", "funder", "advisor"
MINISTRY = "משרד הרווחה והביטחון החברתי"
IT_DIVISION = "אגף מערכות מידע – משרד הרווחה"
DISABILITIES = "האגף לאנשים עם מוגבלויות"
DW_LAST_DAY = D(2021, 12, 31)

# key: (title, category, sub-category (its English name), source, content world, requested by)
NEEDS = {
    "rights": (
        "כל התוכניות והמענים של המשרד במקום אחד",
        "citizen_services",
        "Promoting existing services and rights",
        "management",
        "self_service",
        MINISTRY,
    ),
    "basket": (
        "בחירה קלה, אמינה ומהירה של שירותים שאדם עם מוגבלות זכאי להם",
        "citizen_services",
        "Promoting existing services and rights",
        "citizens",
        "self_service",
        DISABILITIES,
    ),
    "loneliness": (
        "הפגת בדידות של אזרחים ותיקים",
        "citizen_services",
        "New services for target groups",
        "field_workers",
        "remote_service",
        "השירות לאזרחים ותיקים",
    ),
    "data": (
        "נתונים מפולחים, בהירים ומהירים לכל יחידה במשרד",
        "ministry_methods",
        "Data-driven management",
        "management",
        "management",
        IT_DIVISION,
    ),
    "it_cooperation": (
        "קשרי עבודה קבועים בין אגפי המשרד לאגף מערכות מידע",
        "ministry_methods",
        "Cooperation between ministry units and the IT division",
        "management",
        "management",
        IT_DIVISION,
    ),
    "supervisors": (
        "נתונים שמפקחים צריכים כדי להעריך את המחלקות לשירותים חברתיים",
        "ministry_methods",
        "Supervision processes",
        "supervision",
        "management",
        IT_DIVISION,
    ),
    "probation": (
        'קשר מהיר ואיכותי בין שירות המבחן, מבצעי השל"צ, המסגרות הקולטות ובתי המשפט',
        "division_methods",
        "Probation community-service process",
        "field_workers",
        "practitioner_tools",
        "שירות המבחן למבוגרים",
    ),
    "partner_violence": (
        "הכוונה של אוכלוסייה רחבה שבסיכון לאלימות בזוגיות ואינה מאותרת",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        MINISTRY,
    ),
    "prevention": (
        "איתור מוקדם ומניעה של מצבי סיכון בעזרת שירותים אוניברסליים",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        MINISTRY,
    ),
    "suicide": (
        "זיהוי מוקדם של מצוקה וסיכון לאובדנות",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        MINISTRY,
    ),
    "stress": (
        "זיהוי סימנים ללחץ ולחרדה",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        MINISTRY,
    ),
    "youth_risk": (
        "איתור והערכה של בני נוער בסכנה עקב פגיעה, הזנחה או התעללות",
        "professional_tools",
        "Risk assessment of youth",
        "field_workers",
        "practitioner_tools",
        MINISTRY,
    ),
    "supervision_tools": (
        "כלים אחידים לכל תהליכי הפיקוח של המשרד",
        "ministry_methods",
        "Supervision processes",
        "supervision",
        "management",
        MINISTRY,
    ),
    "knowledge": (
        "ריכוז וניהול ידע בין זרועות המשרד",
        "ministry_methods",
        "Knowledge management",
        "management",
        "management",
        MINISTRY,
    ),
    "peer_learning": (
        "שיח מקצועי ולמידה משותפת של עמיתים מכל הארץ",
        "division_methods",
        "Professional learning",
        "field_workers",
        "practitioner_tools",
        MINISTRY,
    ),
    "shelters": (
        "מציאת מענה מתאים, ככל האפשר, לאישה בחירום",
        "division_methods",
        "Placing women in shelters",
        "field_workers",
        "practitioner_tools",
        MINISTRY,
    ),
    "continuity": (
        "רצף טיפולי לפונה בין הגורמים המטפלים",
        "quality_of_care",
        "Continuity of care",
        "field_workers",
        "practitioner_tools",
        MINISTRY,
    ),
    "vacations": (
        "בחירה יעילה ושקופה של נופשון לאנשים עם מוגבלות",
        "citizen_services",
        "Promoting existing services and rights",
        "citizens",
        "self_service",
        DISABILITIES,
    ),
}

BUILT_TEAM = "צוות BUILT – Business Intelligence Leading Team"
ELDERLY = "שירותי קהילה מרחוק לאזרח הוותיק"
BI_DASHBOARDS = "BUILT – לוחות בקרה לאגפים"

INITIATIVES = [
    {
        "title": "קליק לרווחה",
        # Also part of the answer to the flexible basket: the catalogue of services people choose from.
        "needs": ["rights", "basket"],
        "big_dream": "כל אדם בישראל, ולצדו כל איש מקצוע, יודע בקלות מה מגיע לו מהמשרד ואיך מקבלים את זה – "
        "בלי לחפש במסמכים פנימיים ובלי לדעת מראש את שמה של תוכנית.",
        "solution": "אתר שמרכז לאזרח ולאנשי המקצוע את כל הזכויות, התוכניות והשירותים של המשרד בשפה ברורה, "
        "ומשמש גם תשתית לבחירת שירותים של אנשים עם מוגבלות.",
        "impact": "הוקם במשרד תחום מיצוי זכויות, והאתר הפך לתשתית ל'מנוע זכויות לאומי'.",
        "status": "sustained",
        "partners": [],
        "steps": [
            ("identify_need", D(2016, 3, 1), "התוכניות פורסמו כמסמכי PDF פנימיים שלא היו נגישים לציבור."),
            ("org_mechanisms", D(2016, 9, 1), "הוקם צוות פרויקט לקטלוג השירותים ולבחירת פלטפורמה."),
            ("procurement", D(2017, 2, 1), "נבנה מכרז מותאם לעולם הדיגיטל לבחירת ספק חיצוני."),
        ],
        "methods": ["human_centred_design"],
        "procurement": "adapted_tender",
    },
    {
        "title": "סל גמיש לאנשים עם מוגבלות",
        "needs": ["basket"],
        "big_dream": "אדם עם מוגבלות בוחר בעצמו, לפי רצונותיו וצרכיו, את השירותים והעזרים שמתאימים לו – "
        "בקלות ובמקום אחד, בלי מסלול בירוקרטי נפרד לכל שירות.",
        "solution": "שירות היברידי, אנושי ודיגיטלי, שבו אדם עם מוגבלות ראייה מוצא במקום אחד עזרים מותאמים "
        "ומקבל את הסבסוד.",
        "impact": "המענה מאפשר לממש בפשטות חלק מחוק שירותי רווחה לאדם עם מוגבלות (2022).",
        "status": "sustained",
        "partners": [("atvisor", V), ("ארגון איזי שפירא", AD), ("משרד הבריאות", F)],
        "steps": [
            (
                "identify_need",
                D(2016, 5, 1),
                "תהליך הבחירה היה בירוקרטי ומורכב, במיוחד למי שזכאי לכמה שירותים.",
            ),
            ("scouting", D(2016, 10, 1), "הצוות הזרים את הצורך לעולם הדיגיטל."),
            ("presence", D(2017, 3, 1), "הצוות הכיר את atvisor בקרן חדשנות שבה ישב בצוות השופטים."),
            ("introduction", D(2017, 6, 1), "היכרות בין המשרד לבין atvisor."),
            (
                "procurement",
                D(2017, 11, 1),
                "כנס ספקים ופנייה לקבלת מידע (RFI) כדי לבחור דרך התקשרות ולמפות שחקנים נוספים.",
            ),
            (
                "org_mechanisms",
                D(2017, 12, 1),
                "צוותים משותפים נפגשו כל שבועיים; בעלי תפקידים בכירים במשרד עזרו לפרק חסמים בירוקרטיים.",
            ),
            ("policy", D(2018, 6, 1), "הותאמו תקנות שעיכבו את הפיתוח."),
            ("human_capital", D(2018, 9, 1), "ליווי אישי לבעלי תפקידים במשרד ולמייסדי atvisor."),
        ],
        "methods": ["human_centred_design", "customer_journey"],
        "procurement": "vendor_conference",
        "joint_team": "צוות משותף – סל גמיש לאנשים עם מוגבלות",
    },
    {
        "title": ELDERLY,
        "needs": ["loneliness"],
        "big_dream": "שירות קהילתי שמגיע אל האזרח הוותיק הביתה: מרכז היום, המשפחה והחברים זמינים לו גם כשאינו "
        "יכול לצאת מהבית, וגם בערבים ובחגים, כשהמסגרות סגורות.",
        "solution": "מערכת שמחברת את האזרח הוותיק מביתו למרכז היום, לשירותים בקהילה ולמשפחה ולחברים.",
        "impact": "השירות הקהילתי לאזרח הוותיק אינו תלוי עוד במקום ובשעות הפעילות.",
        "status": "scaling",
        "partners": [("Uniper", V)],
        "steps": [
            ("identify_need", D(2016, 4, 1), "הצורך עלה עם הצוות המקצועי, עוד לפני הקורונה."),
            ("presence", D(2016, 11, 1), "מייסד Uniper יזם פגישת היכרות; המוצר היה עדיין רעיון."),
            ("human_capital", D(2017, 5, 1), "ליווי אישי של שני הצוותים והחזקת אי-הוודאות."),
            (
                "org_mechanisms",
                D(2017, 6, 1),
                "הוקמה ועדת היגוי: היזם, הצוות המקצועי של המשרד וה-API האנושי.",
            ),
            ("procurement", D(2018, 9, 1), "התאמת הרכש לשירות חדשני שלא נוסה בעבר במשרד."),
        ],
        "methods": ["human_centred_design", "steering_committee"],
        "procurement": "adapted_tender",
        "joint_team": "ועדת ההיגוי – שירותי קהילה מרחוק לאזרח הוותיק",
    },
    {
        "title": BI_DASHBOARDS,
        "formerly": "BUILT – לוחות מחוונים לאגפים",
        "needs": ["data", "it_cooperation", "supervisors"],
        "big_dream": "כל יחידה במשרד מקבלת את הנתונים שהיא צריכה, בזמן ובשפה שלה, ומנהלת לפיהם את עבודתה – "
        "ואגף מערכות המידע הוא שותף קבוע לתכנון ולא רק מי שמפיק דוחות.",
        "solution": "פלטפורמת לוחות בקרה שמותאמת לכל אגף ומופעלת על ידי אגף מערכות מידע בקשר רציף עם האגפים.",
        "impact": "נוצרו קשרי עבודה סדורים בין אגף מערכות מידע לאגפי המשרד.",
        "status": "sustained",
        "partners": [],
        "steps": [
            ("identify_need", D(2017, 1, 1), "לא הייתה דרך יעילה להנגיש נתונים לבעלי התפקידים."),
            ("scouting", D(2017, 4, 1), "חיפוש שיטות עבודה משותפות לאנשי דאטה ולאנשי תוכן."),
            (
                "human_capital",
                D(2017, 9, 1),
                "האקתון BI: אתגרי הליבה של המשרד ודרכים להנגיש את הנתונים בהתאם.",
            ),
            (
                "human_capital",
                D(2017, 12, 1),
                "דטאתון: מודלים לכריית נתונים וכלים לחיזוי מגמות.",
            ),
            ("org_mechanisms", D(2018, 1, 1), "הוקם צוות BUILT הבין-אגפי."),
            ("work_methods", D(2018, 6, 1), "שיטת Two in a box אומצה לפיתוח שירותים וכלי ניהול."),
        ],
        "methods": ["hackathon", "two_in_a_box"],
        "procurement": "",
        "joint_team": BUILT_TEAM,
    },
    {
        "title": "בוקר טוב למפקח",
        "needs": ["supervisors"],
        "big_dream": "כל מפקח פותח את היום עם תמונה עדכנית של המחלקות שבאחריותו, ומשקיע את זמנו בהכוונה "
        "ולא באיסוף נתונים.",
        "solution": "פורטל שמביא למפקחים כל בוקר את הנתונים שהם צריכים לעבודתם.",
        "impact": "המפקחים עובדים עם נתונים עדכניים במקום לאסוף אותם בעצמם.",
        "status": "sustained",
        "partners": [],
        "steps": [
            ("identify_need", D(2018, 3, 1), "עלה מתוך תוכנית העבודה של BUILT."),
            ("work_methods", D(2018, 10, 1), "פותח במשותף על ידי אגף מערכות מידע והאגף המקצועי."),
        ],
        "methods": ["two_in_a_box"],
        "procurement": "",
        "joint_team": BUILT_TEAM,
    },
    {
        "title": 'מערכת לשירות לתועלת הציבור (של"צ)',
        "needs": ["probation"],
        "big_dream": 'כל הגורמים במסלול השל"צ – בית המשפט, שירות המבחן, המסגרת הקולטת ומבצע השל"צ – מחוברים '
        "ברצף, כך שהפיקוח פשוט, הבירוקרטיה קטנה והקשר עם עובר החוק לא נקטע.",
        "solution": "מערכת פיקוח מרחוק עם סטנדרט אחיד לאיסוף נתונים ותמונת מצב עדכנית על ביצוע פסקי הדין.",
        "impact": "שירות המבחן אימץ תכנון מוכוון אדם והאמון עם השותפים התחזק.",
        "status": "sustained",
        "partners": [("Howazit", V)],
        "steps": [
            ("identify_need", D(2018, 5, 1), "עלה במהלך עבודה בתכנון שירות מוכוון אדם."),
            ("scouting", D(2018, 7, 1), "הצוות הזרים לעולם הדיגיטל את מהות הצורך וחיפש פתרון."),
            ("presence", D(2018, 10, 1), "מכרז אתגר שפורסם בג'וינט הביא להיכרות עם Howazit."),
            ("connection", D(2019, 2, 1), "הוקם צוות משימה בין-מגזרי ומופה מסע הלקוח של עובר החוק."),
            ("human_capital", D(2019, 6, 1), "בניית אמון ומסוגלות אצל בעלי התפקידים בשירות המבחן."),
            (
                "procurement",
                D(2019, 10, 1),
                "נבחנו דרכי ההתקשרות של המשרד עם ארגון שותף מעולם הדיגיטל, ונלמד איך התקשרו ארגונים דומים.",
            ),
        ],
        "methods": ["human_centred_design", "customer_journey", "task_force"],
        "procurement": "challenge_tender",
        "joint_team": 'צוות משימה – מסלול השל"צ',
    },
    {
        "title": "i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות",
        "needs": ["partner_violence", "prevention"],
        "big_dream": "כל אחת וכל אחד יכולים לבדוק בעצמם, בלי להזדהות ובשפה שלהם, אם הם בסיכון בזוגיות – "
        "ולדעת מיד לאן לפנות.",
        "solution": "שאלון שכל אחד ממלא בלי להזדהות, מקבל משוב ומופנה למענה שמתאים לו; זמין בחמש שפות.",
        "impact": "רווחה יוזמת ומונעת שפונה לקהל הרחב.",
        "status": "sustained",
        "partners": [('הילמ"ה – הייטק למען החברה', V)],
        "steps": [
            ("identify_need", D(2020, 4, 1), "בקורונה עלה מספר המקרים של אלימות במשפחה."),
            ("presence", D(2020, 5, 1), 'הצוות הכיר את הילמ"ה מפעילויות משותפות.'),
            ("org_mechanisms", D(2020, 6, 1), 'צוות משותף של מומחי תוכן ומתנדבי הילמ"ה בעצימות גבוהה.'),
            ("human_capital", D(2020, 7, 1), "ליווי כל צד לעבודה המשותפת ולבניית כלי אוניברסלי."),
            ("policy", D(2020, 9, 1), "הוגדר תפקיד המשרד מעבר להנגשת הכלי."),
        ],
        "methods": ["human_centred_design"],
        "procurement": "volunteer",
        "joint_team": "צוות משותף – i-risk",
    },
    {
        "title": "ask-s – זיהוי מצוקה וסיכון לאובדנות",
        "needs": ["suicide", "prevention"],
        "big_dream": "מי שנמצא במצוקה יכול לזהות בעצמו את רמת הסיכון לפני שהמשבר מחריף, ולקבל הכוונה לעזרה "
        "שמתאימה לו.",
        "solution": "שאלון שמזהה את רמת המצוקה והסיכון ומכוון למענה מותאם.",
        "impact": "הכלי הרחיב את הרווחה היוזמת לתחום נוסף.",
        "status": "sustained",
        "partners": [],
        "steps": [("identify_need", D(2021, 1, 1), "פותח בעקבות i-risk.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "Howru – זיהוי לחץ וחרדה",
        "needs": ["stress", "prevention"],
        "big_dream": "כל אדם יכול לזהות מוקדם סימנים של לחץ וחרדה ולמצוא מענה, בלי לחכות שמישהו יאתר אותו.",
        "solution": "כלי שמזהה סימנים למצבי לחץ וחרדה ומכוון למענה.",
        "impact": "עוד כלי אוניברסלי שפונה לציבור הרחב.",
        "status": "sustained",
        "partners": [],
        "steps": [("identify_need", D(2021, 2, 1), "פותח בעקבות i-risk.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "איתותים – הערכת סכנה לבני נוער",
        "needs": ["youth_risk"],
        "big_dream": "כל איש מקצוע שפוגש נער או נערה יכול להעריך במהירות ובאופן אחיד אם חייהם, בריאותם או "
        "שלומם בסכנה – ולפעול בזמן.",
        "solution": "כלי דיגיטלי לאנשי מקצוע להערכת מצבי סכנה לחיים, לבריאות ולשלום של בני נוער.",
        "impact": "הערכת סיכון אחידה בידי אנשי המקצוע.",
        "status": "pilot",
        "partners": [],
        "steps": [("identify_need", D(2021, 3, 1), "עלה מאנשי המקצוע בשטח.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "מערכת נתיב – פיקוח משרדי",
        "needs": ["supervision_tools"],
        "big_dream": "הפיקוח של המשרד נעשה בכלים אחידים בכל האגפים, ומכל ביקור פיקוח נבנה מסד נתונים שעוזר "
        "ללמוד ולשפר.",
        "solution": "פלטפורמה דיגיטלית לכל תהליכי הפיקוח שבאחריות המשרד, שמייצרת מסד נתונים אחיד.",
        "impact": "הפיקוח נעשה בכלים אחידים ונשען על נתונים.",
        "status": "sustained",
        "partners": [],
        "steps": [("identify_need", D(2017, 6, 1), "הפיקוח נעשה בכלים שונים בכל אגף.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "פורום נאמני ידע",
        "needs": ["knowledge"],
        "big_dream": "ידע שנצבר באגף אחד זמין לכל זרועות המשרד, ואינו הולך לאיבוד כשבעל תפקיד עובר הלאה.",
        "solution": "פורום בין-אגפי שמרכז את הידע של זרועות המשרד.",
        "impact": "הידע עובר בין האגפים בלי תלות בצוות ה-API האנושי.",
        "status": "sustained",
        "partners": [],
        "steps": [("org_mechanisms", D(2018, 4, 1), "הוקם במקביל ל'קליק לרווחה'.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "קהילות הידע המקצועיות",
        "needs": ["peer_learning"],
        "big_dream": "כל עובד סוציאלי, בכל מקום בארץ, לומד מעמיתיו ומשתף אותם – בלי תלות במקום ובמועד של "
        "השתלמות.",
        "solution": "קהילות ידע שפועלות בפלטפורמת Workplace ומחברות אנשי מקצוע ממגוון תחומים.",
        "impact": "למידה בין עמיתים שאינה תלויה במקום.",
        "status": "sustained",
        "partners": [("Meta (Workplace)", OP)],
        "steps": [("work_methods", D(2019, 1, 1), "נבחרה פלטפורמה ונבנו הקהילות הראשונות.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "ניטור וניתוב למקלטים לנשים",
        "needs": ["shelters"],
        "big_dream": "אישה שזקוקה למקלט בחירום מקבלת מהר את המקום שמתאים לה, כי התמונה של המקומות והצרכים "
        "ידועה בזמן אמת.",
        "solution": "מערכת שאוספת נתונים על המקומות במקלטים ומסייעת לנתב כל פנייה למענה מתאים.",
        "impact": "השמה מהירה ומדויקת יותר של נשים הפונות למקלט.",
        "status": "pilot",
        "partners": [],
        "steps": [("identify_need", D(2019, 9, 1), "עלה מתהליך ייעוץ להשמת נשים במקלטים.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "תיק לקוח דיגיטלי",
        "needs": ["continuity"],
        "big_dream": "הפונה מספר את הסיפור שלו פעם אחת: כל גורם שמטפל בו רואה את מה שצריך כדי להמשיך את "
        "הטיפול, והפרטיות שלו נשמרת.",
        "solution": "ריכוז דיגיטלי של המידע על המטופל, עם שמירה על פרטיות ואבטחת מידע.",
        "impact": "הגורם המטפל ממשיך את הטיפול בלי לאבד מידע.",
        "status": "exploring",
        "partners": [],
        "steps": [("identify_need", D(2020, 1, 1), "חסר רצף טיפולי כשהפונה עובר בין גורמים.")],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "פורטל לבחירת נופשונים",
        "needs": ["vacations"],
        "big_dream": "אדם עם מוגבלות בוחר נופשון כמו שבוחרים חופשה: רואה את האפשרויות, משווה ובוחר בעצמו.",
        "solution": "פורטל ייעודי שבו בוחרים נופשון בדרך פשוטה ושקופה.",
        "impact": "הבחירה עברה מטפסים לפורטל.",
        "status": "sustained",
        "partners": [],
        "steps": [("identify_need", D(2019, 3, 1), "תהליך הבחירה היה ידני ואיטי.")],
        "methods": [],
        "procurement": "",
    },
]

PILOT = {
    "initiative": ELDERLY,
    "title": "פיילוט בבתי אזרחים ותיקים",
    "sites": "מועצה אזורית גליל עליון, נתיבות, רמת גן, ירושלים",
    "participants": 60,
    "started_on": D(2018, 1, 1),
    "ended_on": D(2018, 12, 31),
    "learning_plan": (
        "השאלה שהפיילוט בא לענות עליה: איך מודדים הצלחה של שירות שמעולם לא פעל, כשאין שירות דומה שאפשר "
        "להשוות אליו? לכן מודדים קודם כל מה למדנו. מה צריך ללמוד: האם אזרחים ותיקים בפריפריה ובערים "
        "מצטרפים לפעילות מרחוק ונשארים בה; האם ההשתתפות מרחוק מוסיפה על הביקור במרכז היום או באה במקומו; "
        "האם הטכנולוגיה עומדת בדרכם; ומה המשרד צריך לדרוש במכרז לשירות כזה. אבני דרך: התקנה בבתים בארבעת "
        "היישובים ופעילות ראשונה; משוב מהמשתתפים, מבני המשפחה ומצוות מרכזי היום באמצע הדרך; בסוף – ממצאים "
        "שמהם נקבעים מדדי ההצלחה לרכש."
    ),
    "outcome": "השירות התקבל היטב; התחזקו קשרים חברתיים והורחב סל השירותים של מרכזי היום.",
    "kpis": [("משתתפים בפיילוט", "אזרחים ותיקים", 60, 60), ("יישובים", "יישובים", 4, 4)],
}

YOUTH_NEED = "כלים לזיהוי סיכון בקרב בני נוער"
DV_NEEDS = {
    "referral": (
        "מעבר ישיר ממילוי השאלון העצמי לגורם מטפל קרוב",
        "מי שמגלים בשאלון שהם בסיכון יכולים לבקש, אם ירצו, שגורם מטפל באזורם יחזור אליהם.",
        "citizen_services",
        "New universal services",
        "field_workers",
        "self_service",
        Need.Status.BEING_ANSWERED,
    ),
    "communities": (
        "נוסחים ושפות שמתאימים לקהילות שאינן פונות היום לעזרה",
        "השאלון זמין בחמש שפות, אבל ההסברים וההכוונה לעזרה לא נבדקו עם כל הקהילות.",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        Need.Status.BEING_ANSWERED,
    ),
    "usage_data": (
        "נתוני שימוש מצטברים בכלים העצמיים, בלי מידע מזהה",
        "כדי לדעת אם הכלים מגיעים למי שצריך אותם ולשפר אותם.",
        "ministry_methods",
        "Data-driven management",
        "management",
        "management",
        Need.Status.IDENTIFIED,
    ),
    "youth": (
        YOUTH_NEED,
        "שאלון עצמי לבני נוער, בשפתם ובערוצים שבהם הם נמצאים.",
        "citizen_services",
        "New universal services",
        "management",
        "self_service",
        Need.Status.BROADCAST,
    ),
}
DV_REFERRAL = "הפניה חמה מהשאלון העצמי"
DV_COMMUNITIES = "נוסחים מותאמים לקהילות ולשפות נוספות"
# Two candidates (one with a joint team) and an idea waiting for the call's answers. The big dream is
# written with both worlds, so the initiatives that have no digital-world partner yet have none.
DV_INITIATIVES = [
    {
        "title": DV_REFERRAL,
        "needs": ["referral", "usage_data"],
        "big_dream": "מי שמגלים שהם בסיכון לא נשארים לבד מול התוצאה: בלחיצה אחת, ורק אם ירצו, אדם מקצועי "
        "באזורם חוזר אליהם בזמן ובשפה שנוחים להם.",
        "solution": "אפשרות בסוף השאלון להשאיר פרטי קשר, שעוברים רק למרכז לטיפול ולמניעת אלימות במשפחה "
        "שנבחר, ונמחקים מהכלי.",
        "impact": "",
        "status": "joint_team",
        "partners": [('הילמ"ה – הייטק למען החברה', V)],
        "steps": [
            (
                "identify_need",
                D(2024, 5, 15),
                "המרכזים המטפלים אמרו שאין דרך לדעת אם מי שממלאים את השאלון מגיעים לעזרה.",
            ),
            ("scouting", D(2025, 5, 20), 'האקתון עם מתנדבי הילמ"ה: שלושה אבי-טיפוס, ואחד נבחר להמשך.'),
            ("org_mechanisms", D(2025, 9, 1), "הוקם צוות משותף שנפגש כל שבוע."),
            ("policy", D(2026, 3, 10), "נקבעו כללי ההסכמה: פרטי קשר עוברים רק לפי בקשה מפורשת."),
            (
                "human_capital",
                D(2026, 11, 10),
                'מפגש שפה משותפת לעובדות המרכזים ולמתנדבי הילמ"ה על שיחה ראשונה רגישה ואבטחת מידע.',
            ),
        ],
        "methods": ["human_centred_design", "hackathon"],
        "procurement": "volunteer",
        "joint_team": "צוות משותף – הפניה חמה מהשאלון העצמי",
    },
    {
        "title": DV_COMMUNITIES,
        "needs": ["communities"],
        "big_dream": "",
        "solution": "",
        "impact": "",
        "status": "exploring",
        "partners": [("ארגון איזי שפירא", AD)],
        "steps": [
            ("identify_need", D(2025, 11, 1), "עלה מאנשי מקצוע בקהילות שהשאלון לא מגיע אליהן."),
            (
                "presence",
                D(2026, 2, 11),
                "במפגש באקסלרטור של ארגון איזי שפירא נלמדו בדיקות נגישות עם משתמשים.",
            ),
            ("scouting", D(2026, 10, 20), "נכתבה טיוטת קול קורא לשותפים בהתאמת הנוסחים."),
        ],
        "methods": [],
        "procurement": "",
    },
    {
        "title": "זיהוי עצמי של סיכון בקרב בני נוער",
        "needs": ["youth"],
        "big_dream": "",
        "solution": "",
        "impact": "",
        "status": "idea",
        "partners": [],
        "steps": [
            ("identify_need", D(2026, 6, 1), "אנשי מקצוע ביקשו כלי שבני נוער ימלאו בעצמם, בשפתם."),
            ("scouting", D(2026, 11, 15), "הצורך נוסח כקול קורא לעולם הדיגיטל."),
        ],
        "methods": [],
        "procurement": "",
    },
]


def _org(name):
    return Organization.objects.filter(name=name).first()


def _needs(dw, team, statuses) -> dict[str, Need]:
    """The needs of "Digital Welfare": a need is answered once an initiative answering it scaled."""
    subcategories = {}
    for sub in NeedSubcategory.objects.all():  # found by its English name (as seeded) or its Hebrew one
        for name in (sub.name_en, sub.name):
            subcategories.setdefault((sub.category, name), sub)
    found = {}
    for key, (title, category, subcategory, source, world, requested_by) in NEEDS.items():
        data = {
            "category": category,
            "source": source,
            "subcategory": subcategories.get((category, subcategory)),
            "content_world": world,
            "requested_by": _org(requested_by),
            "status": Need.Status.ANSWERED
            if statuses[key] & {"scaling", "sustained"}
            else Need.Status.BEING_ANSWERED,
        }
        need = Need.objects.filter(engagement=dw, title=title).first()
        if need is None:
            need = record_create(Need, actor=team, data={"engagement": dw, "title": title, **data})
        else:
            changed = {field: value for field, value in data.items() if getattr(need, field) != value}
            if changed:
                need = record_update(need, actor=team, data=changed)
        found[key] = need
    return found


def _steps(initiative, steps, team):
    """The dated steps of the Human API's process, as listed (a step found by kind and date is kept)."""
    wanted = {(kind, on): note for kind, on, note in steps}
    for step in initiative.steps.all():
        key = (step.kind, step.happened_on)
        if key not in wanted:
            step._history_user = team
            step.delete()
        elif step.notes != wanted[key]:
            record_update(step, actor=team, data={"notes": wanted[key]})
    existing = set(initiative.steps.values_list("kind", "happened_on"))
    for (kind, on), note in wanted.items():
        if (kind, on) not in existing:
            services.step_add(
                initiative=initiative, actor=team, data={"kind": kind, "happened_on": on, "notes": note}
            )


def _initiative(dw, spec, needs, teams, team):
    data = {
        "big_dream": spec["big_dream"],
        "solution": spec["solution"],
        "impact_headline": spec["impact"],
        "status": spec["status"],
        "methods": spec["methods"],
        "procurement": spec["procurement"],
        "joint_team": teams.get(spec.get("joint_team")),
    }
    partners = [(_org(name), role) for name, role in spec["partners"]]
    wanted_needs = [needs[key] for key in spec["needs"]]
    initiative = Initiative.objects.filter(engagement=dw, title=spec["title"]).first()
    if initiative is None and spec.get("formerly"):
        initiative = Initiative.objects.filter(engagement=dw, title=spec["formerly"]).first()
        if initiative is not None:
            data["title"] = spec["title"]
    first_step = min(on for _kind, on, _note in spec["steps"])
    if initiative is None:
        initiative = services.initiative_create(
            actor=team,
            on=first_step,
            needs=wanted_needs,
            partners=partners,
            data={"engagement": dw, "title": spec["title"], **data},
        )
        if spec["status"] in ("sustained", "scaling"):  # high at the start, then medium — within the years
            services.initiative_set_intensity(
                initiative=initiative,
                intensity="medium",
                on=min(first_step + timedelta(days=365), DW_LAST_DAY),
            )
    else:
        changed = {field: value for field, value in data.items() if getattr(initiative, field) != value}
        needs_changed = set(initiative.needs.all()) != set(wanted_needs)
        partners_changed = set(initiative.partnerships.values_list("organization_id", "role")) != {
            (org.pk, role) for org, role in partners
        }
        if changed or needs_changed or partners_changed:
            initiative = services.initiative_update(
                initiative=initiative,
                actor=team,
                data=changed,
                needs=wanted_needs if needs_changed else None,
                partners=partners if partners_changed else None,
            )
    _steps(initiative, spec["steps"], team)
    return initiative


def _pilot(dw, team):
    elderly = Initiative.objects.get(engagement=dw, title=PILOT["initiative"])
    data = {k: v for k, v in PILOT.items() if k not in ("initiative", "kpis")}
    pilot = elderly.pilots.filter(title=PILOT["title"]).first()
    if pilot is None:
        pilot = record_create(Pilot, actor=team, data={**data, "initiative": elderly})
        for name, unit, target, result in PILOT["kpis"]:
            record_create(
                PilotKpi,
                actor=team,
                data={"pilot": pilot, "name": name, "unit": unit, "target": target, "result": result},
            )
        return
    changed = {field: value for field, value in data.items() if getattr(pilot, field) != value}
    if changed:
        record_update(pilot, actor=team, data=changed)


def _active_engagement(team):
    """The needs and initiatives of the active engagement (its teams come from the core's demo)."""
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)
    subcategories = {(sub.category, sub.name_en): sub for sub in NeedSubcategory.objects.all()}
    needs = {}
    for key, (title, description, category, subcategory, source, world, status) in DV_NEEDS.items():
        data = {
            "description": description,
            "category": category,
            "subcategory": subcategories.get((category, subcategory)),
            "source": source,
            "content_world": world,
            "status": status,
        }
        need = Need.objects.filter(engagement=active, title=title).first()
        if need is None:
            need = record_create(Need, actor=team, data={"engagement": active, "title": title, **data})
        else:
            changed = {field: value for field, value in data.items() if getattr(need, field) != value}
            if changed:
                need = record_update(need, actor=team, data=changed)
        needs[key] = need
    teams = {t.name: t for t in Team.objects.filter(engagement=active)}
    for spec in DV_INITIATIVES:
        _initiative(active, spec, needs, teams, team)


def load_initiatives_demo():
    team = User.objects.get(username="team")
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    teams = {t.name: t for t in Team.objects.filter(engagement=dw)}
    statuses = {key: set() for key in NEEDS}
    for spec in INITIATIVES:
        for key in spec["needs"]:
            statuses[key].add(spec["status"])
    needs = _needs(dw, team, statuses)
    for spec in INITIATIVES:
        _initiative(dw, spec, needs, teams, team)
    _pilot(dw, team)
    _active_engagement(team)
