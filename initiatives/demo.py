"""Demo data: the initiatives of "Digital Welfare" and the tensions of the source, in our own words.

Idempotent: an initiative or tension found by its title is left as it is.
"""

from datetime import date, timedelta

from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, Team, User
from api_human.core.services import record_create
from stages.models import Mechanism
from tensions import services as tension_services
from tensions.models import Tension

from . import services
from .models import Initiative, Need, NeedSubcategory, Pilot, PilotKpi

D = date
V, OP, F, AD = "venture", "operator", "funder", "advisor"
MINISTRY = "משרד הרווחה והביטחון החברתי"

# title, (need title, category, sub-category, source, content world, requested by), solution, impact,
# status, partners, steps [(kind, date, note)], methods, procurement
INITIATIVES = [
    (
        "קליק לרווחה",
        (
            "כל התוכניות והמענים של המשרד במקום אחד",
            "citizen_services",
            "Promoting existing services and rights",
            "management",
            "self_service",
            MINISTRY,
        ),
        "אתר שמרכז לאזרח ולאנשי המקצוע את כל הזכויות, התוכניות והשירותים של המשרד בשפה ברורה.",
        "הוקם במשרד תחום מיצוי זכויות, והאתר הפך לתשתית ל'מנוע זכויות לאומי'.",
        "sustained",
        [],
        [
            ("identify_need", D(2016, 3, 1), "התוכניות פורסמו כמסמכי PDF פנימיים שלא היו נגישים לציבור."),
            ("org_mechanisms", D(2016, 9, 1), "הוקם צוות פרויקט לקטלוג השירותים ולבחירת פלטפורמה."),
            ("procurement", D(2017, 2, 1), "נבנה מכרז מותאם לעולם הדיגיטל לבחירת ספק חיצוני."),
        ],
        ["human_centred_design"],
        "adapted_tender",
    ),
    (
        "סל גמיש לאנשים עם מוגבלות",
        (
            "בחירה קלה, אמינה ומהירה של שירותים שאדם עם מוגבלות זכאי להם",
            "citizen_services",
            "Promoting existing services and rights",
            "citizens",
            "self_service",
            "האגף לאנשים עם מוגבלויות",
        ),
        "שירות היברידי, אנושי ודיגיטלי, שבו אדם עם מוגבלות ראייה מוצא במקום אחד עזרים מותאמים ומקבל את הסבסוד.",
        "המענה מאפשר לממש בפשטות חלק מחוק שירותי רווחה לאדם עם מוגבלות (2022).",
        "sustained",
        [("atvisor", V), ("ארגון איזי שפירא", AD), ("משרד הבריאות", F)],
        [
            (
                "identify_need",
                D(2016, 5, 1),
                "תהליך הבחירה היה בירוקרטי ומורכב, במיוחד למי שזכאי לכמה שירותים.",
            ),
            ("scouting", D(2016, 10, 1), "הצוות הזרים את הצורך לעולם הדיגיטל."),
            ("presence", D(2017, 3, 1), "המיזם הוצג בקרן חדשנות שבה שימש הצוות כשופט."),
            ("introduction", D(2017, 6, 1), "היכרות בין המשרד לבין atvisor."),
            ("connection", D(2017, 11, 1), "כנס ספקים ופנייה לקבלת מידע (RFI) כדי למפות שחקנים נוספים."),
            ("policy", D(2018, 6, 1), "הותאמו תקנות שעיכבו את הפיתוח."),
            ("human_capital", D(2018, 9, 1), "ליווי אישי לבעלי תפקידים ולמייסדי המיזם."),
        ],
        ["human_centred_design", "customer_journey", "steering_committee"],
        "vendor_conference",
    ),
    (
        "שירותי קהילה מרחוק לאזרח הוותיק",
        (
            "הפגת בדידות של אזרחים ותיקים",
            "citizen_services",
            "New services for target groups",
            "field_workers",
            "remote_service",
            "השירות לאזרחים ותיקים",
        ),
        "מערכת שמחברת את האזרח הוותיק מביתו למרכז היום, לשירותים בקהילה ולמשפחה ולחברים.",
        "השירות הקהילתי לאזרח הוותיק אינו תלוי עוד במקום ובשעות הפעילות.",
        "scaling",
        [("Uniper", V)],
        [
            ("identify_need", D(2016, 4, 1), "הצורך עלה עם הצוות המקצועי, עוד לפני הקורונה."),
            ("presence", D(2016, 11, 1), "מייסד המיזם יזם פגישת היכרות; המוצר היה עדיין רעיון."),
            ("human_capital", D(2017, 5, 1), "ליווי אישי של שני הצוותים והחזקת אי-הוודאות."),
            ("org_mechanisms", D(2017, 6, 1), "הוקמה ועדת היגוי משותפת."),
            ("procurement", D(2018, 9, 1), "התאמת הרכש לשירות חדשני שלא נוסה בעבר במשרד."),
        ],
        ["human_centred_design", "steering_committee"],
        "adapted_tender",
    ),
    (
        "BUILT – לוחות מחוונים לאגפים",
        (
            "נתונים מפולחים, בהירים ומהירים לכל יחידה במשרד",
            "ministry_methods",
            "Data-driven management",
            "management",
            "management",
            "אגף מערכות מידע – משרד הרווחה",
        ),
        "פלטפורמת לוחות מחוונים שמותאמת לכל אגף ומופעלת על ידי אגף מערכות מידע בקשר רציף עם האגפים.",
        "נוצרו קשרי עבודה סדורים בין אגף מערכות מידע לאגפי המשרד.",
        "sustained",
        [],
        [
            ("identify_need", D(2017, 1, 1), "לא הייתה דרך יעילה להנגיש נתונים לבעלי התפקידים."),
            ("scouting", D(2017, 4, 1), "חיפוש שיטות עבודה משותפות לאנשי דאטה ולאנשי תוכן."),
            ("human_capital", D(2017, 9, 1), "האקתון BI ודטאתון עם אורחים מעולם הדיגיטל."),
            ("org_mechanisms", D(2018, 1, 1), "הוקם צוות BUILT הבין-אגפי."),
            ("work_methods", D(2018, 6, 1), "שיטת Two in a box אומצה לפיתוח שירותים וכלי ניהול."),
        ],
        ["hackathon", "two_in_a_box"],
        "",
    ),
    (
        "בוקר טוב למפקח",
        (
            "נתונים שמפקחים צריכים כדי להעריך את המחלקות לשירותים חברתיים",
            "ministry_methods",
            "Supervision processes",
            "supervision",
            "management",
            "אגף מערכות מידע – משרד הרווחה",
        ),
        "פורטל שמביא למפקחים כל בוקר את הנתונים שהם צריכים לעבודתם.",
        "המפקחים עובדים עם נתונים עדכניים במקום לאסוף אותם בעצמם.",
        "sustained",
        [],
        [
            ("identify_need", D(2018, 3, 1), "עלה מתוך תוכנית העבודה של BUILT."),
            ("work_methods", D(2018, 10, 1), "פותח במשותף על ידי אגף מערכות מידע והאגף המקצועי."),
        ],
        ["two_in_a_box"],
        "",
    ),
    (
        'מערכת לשירות לתועלת הציבור (של"צ)',
        (
            'קשר מהיר ואיכותי בין שירות המבחן, מבצעי השל"צ, המסגרות הקולטות ובתי המשפט',
            "division_methods",
            "Probation community-service process",
            "field_workers",
            "practitioner_tools",
            "שירות המבחן למבוגרים",
        ),
        "מערכת פיקוח מרחוק עם סטנדרט אחיד לאיסוף נתונים ותמונת מצב עדכנית על ביצוע פסקי הדין.",
        "שירות המבחן אימץ תכנון מוכוון אדם והאמון עם השותפים התחזק.",
        "sustained",
        [("Howazit", V)],
        [
            ("identify_need", D(2018, 5, 1), "עלה במהלך עבודה בתכנון שירות מוכוון אדם."),
            ("presence", D(2018, 10, 1), "מכרז אתגר שפורסם בג'וינט הביא להיכרות עם Howazit."),
            ("connection", D(2019, 2, 1), "הוקם צוות משימה בין-מגזרי ומופה מסע הלקוח של עובר החוק."),
            ("human_capital", D(2019, 6, 1), "בניית אמון ומסוגלות אצל בעלי התפקידים בשירות המבחן."),
            ("procurement", D(2019, 10, 1), "נבחנו דרכי ההתקשרות עם מיזם דיגיטלי."),
        ],
        ["human_centred_design", "customer_journey", "task_force"],
        "challenge_tender",
    ),
    (
        "i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות",
        (
            "הכוונה של אוכלוסייה רחבה שבסיכון לאלימות בזוגיות ואינה מאותרת",
            "citizen_services",
            "New universal services",
            "management",
            "self_service",
            MINISTRY,
        ),
        "שאלון שכל אחד ממלא בלי להזדהות, מקבל משוב ומופנה למענה שמתאים לו; זמין בחמש שפות.",
        "רווחה יוזמת ומונעת שפונה לקהל הרחב.",
        "sustained",
        [('הילמ"ה – הייטק למען החברה', V)],
        [
            ("identify_need", D(2020, 4, 1), "בקורונה עלה מספר המקרים של אלימות במשפחה."),
            ("presence", D(2020, 5, 1), 'הצוות הכיר את הילמ"ה מפעילויות משותפות.'),
            ("org_mechanisms", D(2020, 6, 1), 'צוות משותף של מומחי תוכן ומתנדבי הילמ"ה בעצימות גבוהה.'),
            ("policy", D(2020, 9, 1), "הוגדר תפקיד המשרד מעבר להנגשת הכלי."),
        ],
        ["human_centred_design"],
        "volunteer",
    ),
    (
        "ask-s – זיהוי מצוקה וסיכון לאובדנות",
        (
            "זיהוי מוקדם של מצוקה וסיכון לאובדנות",
            "citizen_services",
            "New universal services",
            "management",
            "self_service",
            MINISTRY,
        ),
        "שאלון שמזהה את רמת המצוקה והסיכון ומכוון למענה מותאם.",
        "הכלי הרחיב את הרווחה היוזמת לתחום נוסף.",
        "sustained",
        [],
        [("identify_need", D(2021, 1, 1), "פותח בעקבות i-risk.")],
        [],
        "",
    ),
    (
        "Howru – זיהוי לחץ וחרדה",
        (
            "זיהוי סימנים ללחץ ולחרדה",
            "citizen_services",
            "New universal services",
            "management",
            "self_service",
            MINISTRY,
        ),
        "כלי שמזהה סימנים למצבי לחץ וחרדה ומכוון למענה.",
        "עוד כלי אוניברסלי שפונה לציבור הרחב.",
        "sustained",
        [],
        [("identify_need", D(2021, 2, 1), "פותח בעקבות i-risk.")],
        [],
        "",
    ),
    (
        "איתותים – הערכת סכנה לבני נוער",
        (
            "איתור והערכה של בני נוער בסכנה עקב פגיעה, הזנחה או התעללות",
            "professional_tools",
            "Risk assessment of youth",
            "field_workers",
            "practitioner_tools",
            MINISTRY,
        ),
        "כלי דיגיטלי לאנשי מקצוע להערכת מצבי סכנה לחיים, לבריאות ולשלום של בני נוער.",
        "הערכת סיכון אחידה בידי אנשי המקצוע.",
        "pilot",
        [],
        [("identify_need", D(2021, 3, 1), "עלה מאנשי המקצוע בשטח.")],
        [],
        "",
    ),
    (
        "מערכת נתיב – פיקוח משרדי",
        (
            "כלים אחידים לכל תהליכי הפיקוח של המשרד",
            "ministry_methods",
            "Supervision processes",
            "supervision",
            "management",
            MINISTRY,
        ),
        "פלטפורמה דיגיטלית לכל תהליכי הפיקוח שבאחריות המשרד, שמייצרת מסד נתונים אחיד.",
        "הפיקוח נעשה בכלים אחידים ונשען על נתונים.",
        "sustained",
        [],
        [("identify_need", D(2017, 6, 1), "הפיקוח נעשה בכלים שונים בכל אגף.")],
        [],
        "",
    ),
    (
        "פורום נאמני ידע",
        (
            "ריכוז וניהול ידע בין זרועות המשרד",
            "ministry_methods",
            "Knowledge management",
            "management",
            "management",
            MINISTRY,
        ),
        "פורום בין-אגפי שמרכז את הידע של זרועות המשרד.",
        "הידע עובר בין האגפים בלי תלות בצוות המיזם.",
        "sustained",
        [],
        [("org_mechanisms", D(2018, 4, 1), "הוקם במקביל ל'קליק לרווחה'.")],
        [],
        "",
    ),
    (
        "קהילות הידע המקצועיות",
        (
            "שיח מקצועי ולמידה משותפת של עמיתים מכל הארץ",
            "division_methods",
            "Professional learning",
            "field_workers",
            "practitioner_tools",
            MINISTRY,
        ),
        "קהילות ידע שפועלות בפלטפורמת Workplace ומחברות אנשי מקצוע ממגוון תחומים.",
        "למידה בין עמיתים שאינה תלויה במקום.",
        "sustained",
        [("Meta (Workplace)", OP)],
        [("work_methods", D(2019, 1, 1), "נבחרה פלטפורמה ונבנו הקהילות הראשונות.")],
        [],
        "",
    ),
    (
        "ניטור וניתוב למקלטים לנשים",
        (
            "מציאת מענה מתאים, ככל האפשר, לאישה בחירום",
            "division_methods",
            "Placing women in shelters",
            "field_workers",
            "practitioner_tools",
            MINISTRY,
        ),
        "מערכת שאוספת נתונים על המקומות במקלטים ומסייעת לנתב כל פנייה למענה מתאים.",
        "השמה מהירה ומדויקת יותר של נשים הפונות למקלט.",
        "pilot",
        [],
        [("identify_need", D(2019, 9, 1), "עלה מתהליך ייעוץ להשמת נשים במקלטים.")],
        [],
        "",
    ),
    (
        "תיק לקוח דיגיטלי",
        (
            "רצף טיפולי לפונה בין הגורמים המטפלים",
            "quality_of_care",
            "Continuity of care",
            "field_workers",
            "practitioner_tools",
            MINISTRY,
        ),
        "ריכוז דיגיטלי של המידע על המטופל, עם שמירה על פרטיות ואבטחת מידע.",
        "הגורם המטפל ממשיך את הטיפול בלי לאבד מידע.",
        "exploring",
        [],
        [("identify_need", D(2020, 1, 1), "חסר רצף טיפולי כשהפונה עובר בין גורמים.")],
        [],
        "",
    ),
    (
        "פורטל לבחירת נופשונים",
        (
            "בחירה יעילה ושקופה של נופשון לאנשים עם מוגבלות",
            "citizen_services",
            "Promoting existing services and rights",
            "citizens",
            "self_service",
            "האגף לאנשים עם מוגבלויות",
        ),
        "פורטל ייעודי שבו בוחרים נופשון בדרך פשוטה ושקופה.",
        "הבחירה עברה מטפסים לפורטל.",
        "sustained",
        [],
        [("identify_need", D(2019, 3, 1), "תהליך הבחירה היה ידני ואיטי.")],
        [],
        "",
    ),
]

PILOT = {
    "initiative": "שירותי קהילה מרחוק לאזרח הוותיק",
    "title": "פיילוט בבתי אזרחים ותיקים",
    "sites": "מועצה אזורית גליל עליון, נתיבות, רמת גן, ירושלים",
    "participants": 60,
    "started_on": D(2018, 1, 1),
    "ended_on": D(2018, 12, 31),
    "outcome": "השירות התקבל היטב; התחזקו קשרים חברתיים והורחב סל השירותים של מרכזי היום.",
    "kpis": [("משתתפים בפיילוט", "אזרחים ותיקים", 60, 60), ("יישובים", "יישובים", 4, 4)],
}

# Mechanisms of stage C and the initiatives that built or rely on them.
MECHANISM_LINKS = [
    ("הכשרת צוות BUILT", ["BUILT – לוחות מחוונים לאגפים"]),
    (
        "Two in a box: בעל תפקיד רווחה ובעל תפקיד דאטה יוצאים לדרך יחד",
        ["BUILT – לוחות מחוונים לאגפים", "בוקר טוב למפקח"],
    ),
    (
        "ניהול מבוסס נתונים עם לוחות מחוונים בפרקי זמן קבועים",
        ["BUILT – לוחות מחוונים לאגפים", "בוקר טוב למפקח"],
    ),
    (
        "התאמת התקשרות, רכש ומכרזים לעולם הדיגיטל",
        ["קליק לרווחה", "שירותי קהילה מרחוק לאזרח הוותיק", "סל גמיש לאנשים עם מוגבלות"],
    ),
    ("פורומים קבועים: נאמני ידע, מקדמי דיגיטציה, BUILT", ["פורום נאמני ידע"]),
    ("תכנון שירות מוכוון אדם", ['מערכת לשירות לתועלת הציבור (של"צ)', "סל גמיש לאנשים עם מוגבלות"]),
]

# title, engagement, type, origin, poles, state, criteria, resolution/note, initiative, blocking days
TENSIONS = [
    (
        "מענה דיגיטלי או מענה אנושי",
        DIGITAL_WELFARE,
        "value",
        "inherent",
        ("מענה דיגיטלי לפונה", "מענה אנושי לפונה"),
        "criteria_defined",
        [
            "המענה הדיגיטלי מרחיב את הגישה ואינו מחליף את העובד הסוציאלי",
            "לכל שירות דיגיטלי יש דרך פשוטה להגיע לאדם",
        ],
        "",
        "שירותי קהילה מרחוק לאזרח הוותיק",
        None,
    ),
    (
        "פרטיות המידע מול אוטומציה ומענה מהיר",
        DIGITAL_WELFARE,
        "value",
        "inherent",
        ("שמירה על חיסיון המידע", "אוטומציה ומענה מהיר"),
        "resolved",
        ["אין איסוף מידע מזהה שאינו נחוץ למענה", "המשתמש שולט במה שהוא משתף"],
        "גם וגם: השאלון פתוח לכולם בלי הזדהות, וההכוונה למענה נעשית בלי לשמור מידע מזהה.",
        "i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות",
        None,
    ),
    (
        "מדדי הצלחה לרכש מול שירות שלא נוסה מעולם",
        DIGITAL_WELFARE,
        "administrative",
        "change_process",
        ("הצורך להגדיר מדדי הצלחה במכרז", "אין ניסיון עבר לשירות דיגיטלי חדש"),
        "jumped",
        [],
        "הוחלט לצאת לפיילוט עם מדדי למידה ולקבוע את מדדי ההצלחה מתוכו.",
        "שירותי קהילה מרחוק לאזרח הוותיק",
        None,
    ),
    (
        "מה תפקיד המשרד מעבר להנגשת הכלי?",
        DOMESTIC_VIOLENCE,
        "perceptual",
        "unknown",
        ("כלי אנונימי לציבור", "אחריות המשרד להתערב"),
        "legitimised",
        [],
        "",
        None,
        30,
    ),
]


def _org(name):
    return Organization.objects.filter(name=name).first()


def load_initiatives_demo():
    team = User.objects.get(username="team")
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    subcategories = {(s.category, s.name): s for s in NeedSubcategory.objects.all()}
    joint = Team.objects.filter(engagement=dw, kind=Team.Kind.JOINT_TEAM).first()
    for title, need_spec, solution, impact, status, partners, steps, methods, procurement in INITIATIVES:
        if Initiative.objects.filter(engagement=dw, title=title).exists():
            continue
        need_title, category, subcategory, source, world, requested_by = need_spec
        need = Need.objects.filter(engagement=dw, title=need_title).first() or record_create(
            Need,
            actor=team,
            data={
                "engagement": dw,
                "title": need_title,
                "category": category,
                "source": source,
                "subcategory": subcategories.get((category, subcategory)),
                "content_world": world,
                "requested_by": _org(requested_by),
                "status": Need.Status.ANSWERED
                if status in ("scaling", "sustained")
                else Need.Status.BEING_ANSWERED,
            },
        )
        first_step = steps[0][1] if steps else D(2016, 1, 1)
        initiative = services.initiative_create(
            actor=team,
            on=first_step,
            needs=[need],
            partners=[(_org(name), role) for name, role in partners],
            data={
                "engagement": dw,
                "title": title,
                "solution": solution,
                "impact_headline": impact,
                "status": status,
                "methods": methods,
                "procurement": procurement,
                "joint_team": joint if title == PILOT["initiative"] else None,
            },
        )
        if status in ("sustained", "scaling"):
            services.initiative_set_intensity(
                initiative=initiative, intensity="medium", on=first_step + timedelta(days=365)
            )
        for kind, on, note in steps:
            services.step_add(
                initiative=initiative, actor=team, data={"kind": kind, "happened_on": on, "notes": note}
            )
    elderly = Initiative.objects.get(engagement=dw, title=PILOT["initiative"])
    if not elderly.pilots.exists():
        spec = {k: v for k, v in PILOT.items() if k not in ("initiative", "kpis")}
        pilot = record_create(Pilot, actor=team, data={**spec, "initiative": elderly})
        for name, unit, target, result in PILOT["kpis"]:
            record_create(
                PilotKpi,
                actor=team,
                data={"pilot": pilot, "name": name, "unit": unit, "target": target, "result": result},
            )

    for title, engagement_name, source_type, origin, (
        pole_a,
        pole_b,
    ), state, criteria, text, initiative_title, blocking_days in TENSIONS:
        engagement = Engagement.objects.get(name=engagement_name)
        if Tension.objects.filter(engagement=engagement, title=title).exists():
            continue
        initiatives = Initiative.objects.filter(engagement=engagement, title=initiative_title)
        raised_on = D(2017, 6, 1) if engagement == dw else timezone.localdate() - timedelta(days=45)
        tension = tension_services.tension_create(
            actor=team,
            initiatives=initiatives,
            data={
                "engagement": engagement,
                "title": title,
                "source_type": source_type,
                "origin": origin,
                "pole_a": pole_a,
                "pole_b": pole_b,
                "stage": "B1",
                "raised_on": raised_on,
            },
        )
        for i, criterion in enumerate(criteria, 1):
            tension_services.criterion_add(tension=tension, actor=team, text=criterion, order=i)
        path = {
            "legitimised": ["legitimised"],
            "criteria_defined": ["legitimised", "classified", "criteria_defined"],
            "resolved": ["legitimised", "classified", "criteria_defined", "resolved"],
            "jumped": ["legitimised", "classified", "jumped"],
        }[state]
        for step in path:
            tension_services.tension_move(
                tension=tension,
                actor=team,
                to_state=step,
                note=text if step == "jumped" else "",
                resolution=text if step == "resolved" else "",
            )
        if blocking_days:
            tension_services.tension_set_blocking(
                tension=Tension.objects.get(pk=tension.pk),
                actor=team,
                blocking=True,
                since=timezone.localdate() - timedelta(days=blocking_days),
            )
    for mechanism_title, initiative_titles in MECHANISM_LINKS:
        mechanism = Mechanism.objects.filter(engagement=dw, title=mechanism_title).first()
        if mechanism is not None:
            mechanism.initiatives.add(*Initiative.objects.filter(engagement=dw, title__in=initiative_titles))
    services.alerts_scan()
