"""Demo data of the connective work: the source's story of "Digital Welfare" (2016–2021) told through the
people it connected, in our own words — and the first year of connections of the active engagement.

The team brought the welfare world and the digital world together: Uniper's founder came with an idea in
2016, atvisor was met at an innovation fund and introduced to the ministry, Howazit came through a
challenge tender, Hilma through joint activities during COVID, and the IT division met the digital world at
the BI hackathon. Nearly every connection ran through the team at first; between 2018 and 2021 most
became direct, and at the farewell the few still through the team were handed to ministry owners (one,
the scouting for new organisations, still leaned on the partners — as the exit review says). Around the
connections: the hackathon and the datathon, the task force and the customer journey of Howazit; the team's
mentoring of role holders in both worlds; two-in-a-box pairs on the data initiatives; the procurement paths
of Click LaRevacha, the flexible basket, Uniper and Howazit; Uniper's reach from 60 older people in four
localities to thousands of homes; and the fears of the ministry, the venture and the day centres.

Dates agree with the other demo modules (the initiatives' process steps, the pilot of 2018, the scouting
activities, the challenge tender, the exit review of November 2021). Figures the source does not give (the
participants of events, Uniper's reach between the pilot and 2022) are illustrative and marked as such.
Source passages are cited as "seed L<n>": line n of /work/shared/seeds/000_9315844abec0826f.txt.
Idempotent: a record found by its natural key is brought up to date only where it differs.
"""

from datetime import date

from api_human.core import services as core_services
from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, User, World
from api_human.core.services import record_create, record_update
from initiatives.demo import BI_DASHBOARDS, DV_NEEDS, DV_REFERRAL, ELDERLY, NEEDS
from initiatives.models import Initiative, Need
from stages.demo import HANDOVER
from stages.models import ExitReview, HandoverItem, Mechanism

from .models import (
    Concern,
    Connection,
    Event,
    EventParticipation,
    LearningMilestone,
    MentoringSession,
    Pairing,
    Phase,
    ProcurementStep,
    ReachMeasurement,
    TrustNote,
)

D = date
WELFARE, DIGITAL = World.WELFARE, World.DIGITAL
ORIGIN = Connection.Origin
N = TrustNote.Kind
M = MentoringSession.Moved
P = ProcurementStep.Kind

# Organisations of the story (created by the core's demo, except the day centres below).
MINISTRY = "משרד הרווחה והביטחון החברתי"
IT_DIVISION = "אגף מערכות מידע – משרד הרווחה"
PROBATION = "שירות המבחן למבוגרים"
DISABILITIES = "האגף לאנשים עם מוגבלויות"
ELDERLY_SERVICE = "השירות לאזרחים ותיקים"
HEALTH = "משרד הבריאות"
GALIL = "מועצה אזורית גליל עליון"
NETIVOT = "עיריית נתיבות"
RAMAT_GAN = "עיריית רמת גן"
JERUSALEM = "עיריית ירושלים"
DAY_CENTRES = "מרכזי היום לאזרחים ותיקים"
NDA = "מערך הדיגיטל הלאומי"
INNOVATION = "רשות החדשנות"
UNIPER = "Uniper"
ATVISOR = "atvisor"
HOWAZIT = "Howazit"
HILMA = 'הילמ"ה – הייטק למען החברה'
SHAPIRA = "ארגון איזי שפירא"
WORKPLACE = "Meta (Workplace)"
MONDAY = "monday.com"

# The operators of the Uniper case: the source speaks of the day centres' staff (seed L725, L727).
NEW_ORGANIZATIONS = [
    (
        DAY_CENTRES,
        WELFARE,
        Organization.Kind.NGO,
        "הגופים המפעילים את מרכזי היום בקהילה. בפיילוט של שירותי הקהילה מרחוק חיברו את הפעילות שלהם לבתי "
        "האזרחים הוותיקים, והצוותים שלהם חששו בתחילה שההשתתפות מהבית תבוא במקום הביקור במרכז.",
    ),
]

# Initiatives, by their titles in initiatives/demo.py.
CLICK = "קליק לרווחה"
BASKET = "סל גמיש לאנשים עם מוגבלות"
SUPERVISOR = "בוקר טוב למפקח"
PROBATION_SYSTEM = 'מערכת לשירות לתועלת הציבור (של"צ)'
IRISK = "i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות"

# Who keeps each relationship in the ministry (the referents and role holders of stages/demo.py).
OWN_YOSSI = "יוסי מזרחי – המוביל הדיגיטלי של המשרד"
OWN_DANA = "דנה שמואלי – הרפרנטית הדיגיטלית של השירות לאזרחים ותיקים"
OWN_SAMI = "סאמי חורי – הרפרנט הדיגיטלי של האגף לאנשים עם מוגבלויות"
OWN_ORNA = "אורנה לוין – הרפרנטית הדיגיטלית של שירות המבחן"
OWN_MICHAEL = "מיכאל פרץ – ראש צוות BI באגף מערכות מידע"
OWN_AVI = "אבי כהן – הנהלת המשרד"
OWN_NURIT = "נורית אלמוג – מומחית התוכן לאלימות במשפחה"

# The handover item of the farewell that takes over the relationships with the digital world.
PARTNERS_HANDOVER = next(function for function, _role, _due in HANDOVER if "הארגונים השותפים" in function)

# ------------------------------------------------------------------------------------------------
# Events that brought the worlds together
# ------------------------------------------------------------------------------------------------
# participants: (world, organisation or None, count, note). The counts are illustrative: the source says
# role holders of every level and unit of the ministry took part, with guests from the digital world.
EVENTS = {
    # seed L792-L802: the IT division's learning process led to two collaborative development events.
    "bi_hackathon": {
        "engagement": DIGITAL_WELFARE,
        "kind": Event.Kind.HACKATHON,
        "title": "האקתון BI",
        "starts_on": D(2017, 9, 1),
        "ends_on": D(2017, 9, 2),
        "place": "משרדי המשרד בירושלים",
        "description": "יומיים של עבודה משותפת על אתגרי הליבה של המשרד ועל הדרכים להביא לכל אגף את הנתונים "
        "שהוא צריך. המטרה: לקרב את האגפים לאגף מערכות מידע ולהתנסות בפיתוח מוכוון אדם.",
        "needs": [NEEDS["data"][0], NEEDS["it_cooperation"][0]],
        "initiatives": [BI_DASHBOARDS],
        "mechanisms": [
            "למידה בתוך העבודה: האקתונים, צוותי משימה ומסעות לקוח",
            "הכשרת צוות BUILT",
        ],
        "lessons": "אנשי האגפים ואנשי מערכות המידע נפגשו לראשונה סביב שאלות אמיתיות של עבודה, לא סביב דוחות. "
        "האורחים מעולם הדיגיטל הביאו שפה ושיטות שהמשרד לא הכיר. כדי שהקשר יימשך אחרי היומיים צריך צוות קבוע "
        "– ממנו נולד צוות BUILT.",
        "participants": [
            (WELFARE, IT_DIVISION, 12, "אנשי הפיתוח והנתונים של האגף"),
            (WELFARE, DISABILITIES, 5, ""),
            (WELFARE, ELDERLY_SERVICE, 4, ""),
            (WELFARE, PROBATION, 4, ""),
            (WELFARE, MINISTRY, 6, "מנהלים ובעלי תפקידים מהמטה"),
            (DIGITAL, NDA, 3, ""),
            (DIGITAL, None, 7, "אורחים מחברות ומארגונים בעולם הדיגיטל"),
        ],
    },
    # seed L802-L806: the datathon went into data-mining models and trend prediction; two in a box followed.
    "datathon": {
        "engagement": DIGITAL_WELFARE,
        "kind": Event.Kind.DATATHON,
        "title": "דטאתון",
        "starts_on": D(2017, 12, 1),
        "ends_on": D(2017, 12, 1),
        "place": "משרדי המשרד בירושלים",
        "description": "יום של התנסות במודלים לכריית נתונים ובכלים מתקדמים לחיזוי מגמות, בצוותים שבכל אחד מהם "
        "איש תוכן מאגף ואיש נתונים.",
        "needs": [NEEDS["data"][0], NEEDS["supervisors"][0]],
        "initiatives": [BI_DASHBOARDS, SUPERVISOR],
        "mechanisms": [
            "Two in a box: בעל תפקיד רווחה ובעל תפקיד דאטה יוצאים לדרך יחד",
            "ניהול מבוסס נתונים עם לוחות בקרה בפרקי זמן קבועים",
        ],
        "lessons": "הצוותים שעבדו בזוגות – איש תוכן ואיש נתונים – הגיעו רחוק יותר מאלה שעבדו לפי תחום. מכאן "
        "נולדה שיטת two in a box, וההחלטה להגדיר את מערך הנתונים כבר בשלב התכנון.",
        "participants": [
            (WELFARE, IT_DIVISION, 10, ""),
            (WELFARE, MINISTRY, 8, "מפקחים ובעלי תפקידים מהאגפים"),
            (WELFARE, DISABILITIES, 3, ""),
            (DIGITAL, None, 6, "אורחים מעולם הדיגיטל והדאטה"),
        ],
    },
    # seed L867-L873: a cross-sector task force with Howazit, working from the offender's customer journey.
    "probation_task_force": {
        "engagement": DIGITAL_WELFARE,
        "kind": Event.Kind.TASK_FORCE,
        "title": 'צוות משימה בין-מגזרי – מסלול השל"צ',
        "starts_on": D(2019, 2, 1),
        "ends_on": D(2019, 9, 30),
        "place": "",
        "description": 'בעלי תפקידים מכמה תחומי תוכן ונציגי Howazit חיפשו פתרונות לסוגיות השל"צ בכמה ממדים '
        "בבת אחת.",
        "needs": [NEEDS["probation"][0]],
        "initiatives": [PROBATION_SYSTEM],
        "mechanisms": ["תכנון שירות מוכוון אדם"],
        "lessons": "העבודה בצוות משימה חשפה את אנשי שירות המבחן ואת צוות Howazit לעולמות של זה וזה, והאמון "
        "ביניהם גדל מפגישה לפגישה. המסקנה: צוות משימה מוגבל בזמן מתאים לצורך שאיש אינו יודע מראש איך לענות עליו.",
        "participants": [
            (WELFARE, PROBATION, 6, "קציני מבחן ומפקחים"),
            (WELFARE, MINISTRY, 2, "אנשי מטה מתחומי תוכן סמוכים"),
            (DIGITAL, HOWAZIT, 3, "צוות המוצר"),
        ],
    },
    "offender_journey": {
        "engagement": DIGITAL_WELFARE,
        "kind": Event.Kind.JOURNEY_WORKSHOP,
        "title": 'סדנת מסע לקוח – עובר החוק במסלול השל"צ',
        "starts_on": D(2019, 3, 12),
        "ends_on": None,
        "place": "",
        "description": 'מיפוי הדרך של עובר החוק מפסק הדין ועד סיום השל"צ: מי פוגש אותו, איפה התהליך נתקע '
        "ואיפה נקודות האור.",
        "needs": [NEEDS["probation"][0]],
        "initiatives": [PROBATION_SYSTEM],
        "mechanisms": ["תכנון שירות מוכוון אדם"],
        "lessons": "מסע הלקוח הראה שרוב העיכובים נולדים בדיווחים בין הגורמים ולא אצל עובר החוק – ולכן "
        "המערכת נבנתה סביב הדיווח והקשר הרציף, ולא סביב עוד טופס.",
        "participants": [
            (WELFARE, PROBATION, 8, ""),
            (DIGITAL, HOWAZIT, 2, ""),
        ],
    },
    # seed L348: conferences and study days on welfare and digital, in the digital world.
    "study_day": {
        "engagement": DIGITAL_WELFARE,
        "kind": Event.Kind.STUDY_DAY,
        "title": "יום עיון: שירותים חברתיים בעידן הדיגיטלי",
        "starts_on": D(2019, 11, 5),
        "ends_on": None,
        "place": "תל אביב",
        "description": "ארגונים שותפים ובעלי תפקידים מהמשרד סיפרו זה לזה מה למדו מהעבודה המשותפת, לקהל מעולם "
        "הדיגיטל שעוד לא עבד עם המשרד.",
        "needs": [],
        "initiatives": [],
        "mechanisms": ["כנסים וימי עיון על רווחה ודיגיטל"],
        "lessons": "כשהסיפור מסופר בידי שני הצדדים יחד – איש המשרד ואיש הארגון השותף – הקהל מעולם הדיגיטל "
        "מבין שאפשר לעבוד עם המשרד. בפעם הבאה כדאי להזמין גם את הרשויות המקומיות.",
        "participants": [
            (WELFARE, MINISTRY, 9, "רפרנטים דיגיטליים ואנשי מטה"),
            (DIGITAL, UNIPER, 2, ""),
            (DIGITAL, ATVISOR, 2, ""),
            (DIGITAL, HOWAZIT, 1, ""),
            (DIGITAL, NDA, 2, ""),
            (DIGITAL, None, 40, "חברות, חברות הזנק וארגונים חברתיים-טכנולוגיים"),
        ],
    },
    # The active engagement: the hackathon with Hilma's volunteers (opportunities/demo.py DV_SCOUTING).
    "referral_hackathon": {
        "engagement": DOMESTIC_VIOLENCE,
        "kind": Event.Kind.HACKATHON,
        "title": 'האקתון עם מתנדבי הילמ"ה: מהשאלון אל העזרה',
        "starts_on": D(2025, 5, 20),
        "ends_on": D(2025, 5, 21),
        "place": "תל אביב",
        "description": 'צוותים מעורבים של מתנדבי הילמ"ה ושל עובדות המטה לאלימות במשפחה בנו אבי-טיפוס להפניה '
        "חמה מהשאלון העצמי לגורם מטפל.",
        "needs": [DV_NEEDS["referral"][0]],
        "initiatives": [DV_REFERRAL],
        "mechanisms": [],
        "lessons": "שלושה אבי-טיפוס נבנו ואחד נבחר להמשך. השאלות הקשות – הסכמה, פרטיות ומי חוזר למי – עלו כבר "
        "ביום הראשון, ולכן הצוות המשותף שנולד מההאקתון התחיל מכללי ההסכמה.",
        "participants": [
            (WELFARE, MINISTRY, 7, "עובדות המטה לאלימות במשפחה ומרכזים מטפלים"),
            (DIGITAL, HILMA, 12, "מתנדבי פיתוח ועיצוב"),
        ],
    },
}

# ------------------------------------------------------------------------------------------------
# Connections across the worlds, and how trust grew
# ------------------------------------------------------------------------------------------------
# (engagement, welfare party, person there, digital party, person there, origin, event, introduced by,
#  began on, direct since, ministry owner, handed over at the farewell, notes, [(date, kind, note)])
CONNECTIONS = [
    # seed L349, L401: the ministry linked to the National Digital Agency's digital leaders; the network
    # meeting of May 2018 (opportunities/demo.py) is when the ministry took part on its own.
    (
        DIGITAL_WELFARE,
        MINISTRY,
        "המוביל הדיגיטלי של המשרד",
        NDA,
        "רשת המובילים הדיגיטליים",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2016, 1, 1),
        D(2018, 5, 1),
        OWN_YOSSI,
        False,
        "הצוות, שחלק מאנשיו באו ממערך הדיגיטל הלאומי, הכניס את המוביל הדיגיטלי של המשרד לתוכניות ולרשת של "
        "המובילים הדיגיטליים בממשלה.",
        [
            (D(2016, 2, 15), N.MEETING, "פגישה ראשונה של המוביל הדיגיטלי עם אנשי המערך, בהובלת הצוות."),
            (D(2017, 3, 1), N.JOINT_WORK, "המשרד מציג את התוכנית האסטרטגית שלו במפגש של הרשת."),
            (D(2018, 5, 1), N.BREAKTHROUGH, "המוביל הדיגיטלי משתתף במפגשי הרשת בעצמו, בלי הצוות."),
        ],
    ),
    # seed L401, L537: presence through the Innovation Authority; at the farewell part of the scouting for
    # new organisations still leaned on the partners (stages/demo.py EXIT_REVIEW).
    (
        DIGITAL_WELFARE,
        MINISTRY,
        "המוביל הדיגיטלי של המשרד",
        INNOVATION,
        "",
        ORIGIN.SCOUTING,
        None,
        "team",
        D(2016, 6, 1),
        None,
        "",
        False,
        "דרך רשות החדשנות בנה הצוות נוכחות למשרד בעולם הדיגיטל ואיתר חברות שעוסקות בבעיות חברתיות.",
        [
            (D(2016, 6, 1), N.MEETING, "הצוות מציג לרשות את צורכי המשרד ואת 'רווחה דיגיטלית'."),
            (D(2019, 4, 1), N.JOINT_WORK, "הרשות מפנה לצוות חברות שמתאימות לצרכים שהמשרד פרסם."),
            (
                D(2021, 11, 1),
                N.DIFFICULTY,
                "לקראת הפרידה: המשרד עוד לא מנהל את הקשר בעצמו, והגישוש אחר ארגונים חדשים נשען על השותפים.",
            ),
        ],
    ),
    # seed L721, L725: Uniper's founder asked for a meeting while the product was only an idea; the team
    # saw the potential and brought in the professional staff.
    (
        DIGITAL_WELFARE,
        ELDERLY_SERVICE,
        "הצוות המקצועי",
        UNIPER,
        "מייסד החברה",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2016, 11, 1),
        D(2019, 3, 1),
        OWN_DANA,
        False,
        "מייסד Uniper יזם פגישת היכרות עם המשרד כשהמוצר היה רעיון בלבד. הצוות זיהה את הפוטנציאל וחיבר אותו "
        "לצוות המקצועי של השירות לאזרחים ותיקים.",
        [
            (D(2016, 11, 1), N.MEETING, "פגישת ההיכרות: רעיון בלי מוצר, וצורך בהפגת בדידות שעלה עוד קודם."),
            (D(2017, 6, 1), N.JOINT_WORK, "הוקמה ועדת ההיגוי: היזם, הצוות המקצועי והצוות."),
            (D(2017, 7, 1), N.DIFFICULTY, "חששות בכל הצדדים – מרכזי היום, המשרד והחברה – והצוות מחזיק אותם."),
            (
                D(2018, 12, 31),
                N.BREAKTHROUGH,
                "הפיילוט בארבעה יישובים הסתיים: האזרחים הוותיקים השתמשו בשירות.",
            ),
            (D(2019, 3, 1), N.BREAKTHROUGH, "השירות עבר למשרד, והצוות המקצועי ו-Uniper עובדים ישירות."),
        ],
    ),
    # seed L645-L649: atvisor was met at an innovation fund the team judged, then introduced to the ministry.
    (
        DIGITAL_WELFARE,
        DISABILITIES,
        "",
        ATVISOR,
        "מייסדי החברה",
        ORIGIN.INTRODUCTION,
        None,
        "team",
        D(2017, 6, 1),
        D(2020, 1, 1),
        OWN_SAMI,
        False,
        "הצוות הכיר את atvisor כששפט בקרן חדשנות, והפגיש אותה עם האגף כדי למצוא פתרון לצורכי המשרד ולתת "
        "לחברה דרך לגדול.",
        [
            (D(2017, 6, 1), N.MEETING, "היכרות בין האגף לחברה, בהובלת הצוות."),
            (D(2017, 12, 1), N.JOINT_WORK, "צוות משותף נפגש כל שבועיים, עם בעלי תפקידים בכירים מהאגף."),
            (D(2018, 6, 1), N.BREAKTHROUGH, "תקנות שעיכבו את הפיתוח הותאמו."),
            (D(2020, 1, 1), N.BREAKTHROUGH, "האגף והחברה מנהלים את השירות ביניהם, בלי הצוות."),
        ],
    ),
    # seed L645: later support for atvisor came in partnership with the Ministry of Health.
    (
        DIGITAL_WELFARE,
        HEALTH,
        "",
        ATVISOR,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "team",
        D(2019, 1, 1),
        None,
        OWN_SAMI,
        True,
        "התמיכה הנוספת ב-atvisor ניתנה בשותפות עם משרד הבריאות; הצוות תיאם בין שני המשרדים לחברה.",
        [
            (D(2019, 1, 1), N.MEETING, "פגישה משותפת של שני המשרדים ו-atvisor, ביוזמת הצוות."),
            (D(2021, 11, 30), N.JOINT_WORK, "בהערכת המצב הועבר הקשר לרפרנט הדיגיטלי של האגף."),
        ],
    ),
    # seed L645 and opportunities/demo.py (the accelerator visit of October 2017, before the RFI).
    (
        DIGITAL_WELFARE,
        DISABILITIES,
        "",
        SHAPIRA,
        "האקסלרטור",
        ORIGIN.SCOUTING,
        None,
        "team",
        D(2017, 10, 1),
        None,
        OWN_SAMI,
        True,
        "בביקור באקסלרטור מיפה הצוות חברות נוספות בתחום הנגישות לקראת כנס הספקים והפנייה לקבלת מידע.",
        [
            (D(2017, 10, 1), N.MEETING, "ביקור באקסלרטור והיכרות עם חברות בתחום הנגישות."),
            (D(2021, 11, 30), N.JOINT_WORK, "בהערכת המצב הועבר הקשר לרפרנט הדיגיטלי של האגף."),
        ],
    ),
    # seed L792-L802: at the BI hackathon the IT division met the digital world's data people.
    (
        DIGITAL_WELFARE,
        IT_DIVISION,
        "צוות הפיתוח והנתונים",
        NDA,
        "אנשי הדאטה",
        ORIGIN.EVENT,
        "bi_hackathon",
        "ronit.alon",
        D(2017, 9, 1),
        D(2018, 1, 1),
        OWN_MICHAEL,
        False,
        "אנשי מערכות המידע פגשו בהאקתון את אנשי הדאטה של המערך, והמשיכו לעבוד איתם על לוחות הבקרה.",
        [
            (D(2017, 9, 1), N.MEETING, "עבודה משותפת בהאקתון על אתגרי הנתונים של האגפים."),
            (D(2018, 1, 1), N.BREAKTHROUGH, "עם הקמת BUILT האגף פונה לאנשי המערך בעצמו."),
        ],
    ),
    # seed L727: the pilot took 60 older people in Galil Elyon, Netivot, Ramat Gan and Jerusalem.
    (
        DIGITAL_WELFARE,
        GALIL,
        "המחלקה לשירותים חברתיים",
        UNIPER,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 1, 1),
        D(2019, 1, 1),
        OWN_DANA,
        False,
        "אחד מארבעת אתרי הפיילוט; ועדת ההיגוי והצוות חיברו את הרשות ל-Uniper.",
        [
            (D(2018, 1, 1), N.JOINT_WORK, "התקנות ראשונות בבתים בפריפריה."),
            (D(2019, 1, 1), N.BREAKTHROUGH, "הרשות ממשיכה את השירות ישירות מול Uniper."),
        ],
    ),
    (
        DIGITAL_WELFARE,
        NETIVOT,
        "המחלקה לשירותים חברתיים",
        UNIPER,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 1, 1),
        D(2019, 1, 1),
        OWN_DANA,
        False,
        "אחד מארבעת אתרי הפיילוט.",
        [
            (D(2018, 1, 1), N.JOINT_WORK, "התקנות ראשונות ופעילות ראשונה מהבית."),
            (D(2019, 1, 1), N.BREAKTHROUGH, "הרשות ממשיכה את השירות ישירות מול Uniper."),
        ],
    ),
    (
        DIGITAL_WELFARE,
        RAMAT_GAN,
        "המחלקה לשירותים חברתיים",
        UNIPER,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 1, 1),
        D(2019, 6, 1),
        OWN_DANA,
        False,
        "אחד מארבעת אתרי הפיילוט, ביישוב עירוני.",
        [
            (D(2018, 2, 1), N.JOINT_WORK, "פעילות ראשונה מהבית."),
            (D(2018, 8, 1), N.DIFFICULTY, "פחות נרשמים מהצפוי; הצוות והמחלקה פונים יחד למשפחות."),
            (D(2019, 6, 1), N.BREAKTHROUGH, "הרשות והחברה עובדות ישירות."),
        ],
    ),
    (
        DIGITAL_WELFARE,
        JERUSALEM,
        "המחלקה לשירותים חברתיים",
        UNIPER,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 1, 1),
        D(2020, 3, 15),
        OWN_DANA,
        False,
        "אחד מארבעת אתרי הפיילוט, ביישוב עירוני.",
        [
            (D(2018, 2, 1), N.JOINT_WORK, "פעילות ראשונה מהבית."),
            (D(2020, 3, 15), N.BREAKTHROUGH, "בסגר הראשון העירייה מרחיבה את השירות בעצמה, מול החברה."),
        ],
    ),
    # seed L725: the operators — the day centres whose staff feared for the physical visit.
    (
        DIGITAL_WELFARE,
        DAY_CENTRES,
        "צוותי מרכזי היום",
        UNIPER,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 1, 1),
        D(2019, 6, 1),
        OWN_DANA,
        False,
        "מרכזי היום הפעילו את הפעילות מרחוק; הצוות ליווה את המפגש בינם לבין החברה.",
        [
            (D(2018, 1, 1), N.DIFFICULTY, "הצוותים חוששים שההשתתפות מהבית תבוא במקום הביקור במרכז."),
            (D(2018, 12, 31), N.BREAKTHROUGH, "בפיילוט ההשתתפות מרחוק הרחיבה את סל השירותים של המרכזים."),
            (D(2019, 6, 1), N.JOINT_WORK, "המרכזים מתאמים את הפעילות מול החברה בעצמם."),
        ],
    ),
    # seed L863: a challenge tender published at JDC brought Howazit in.
    (
        DIGITAL_WELFARE,
        PROBATION,
        "",
        HOWAZIT,
        "צוות המוצר",
        ORIGIN.BROADCAST,
        None,
        "team",
        D(2018, 10, 1),
        D(2020, 6, 1),
        OWN_ORNA,
        False,
        "מכרז אתגר שפורסם בג'וינט הביא להיכרות עם Howazit; הצוות ביקש לבחון אם המערכת שלה מתאימה לצורכי השל\"צ.",
        [
            (D(2018, 10, 1), N.MEETING, "היכרות אחרי מכרז האתגר."),
            (D(2019, 2, 1), N.JOINT_WORK, "צוות המשימה הבין-מגזרי מתחיל לעבוד."),
            (D(2019, 6, 1), N.DIFFICULTY, "אנשי שירות המבחן חוששים מהשינוי; הצוות עובד איתם על אמון בתהליך."),
            (D(2020, 6, 1), N.BREAKTHROUGH, "המערכת בשימוש שוטף, והקשר מתנהל ישירות."),
        ],
    ),
    # seed L448-L450: the knowledge communities run on Workplace.
    (
        DIGITAL_WELFARE,
        MINISTRY,
        "קהילות הידע",
        WORKPLACE,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2018, 11, 1),
        D(2019, 6, 1),
        OWN_YOSSI,
        False,
        "הצוות חיבר את המשרד לפלטפורמה שעליה נבנו קהילות הידע המקצועיות.",
        [
            (D(2019, 1, 1), N.JOINT_WORK, "נבחרה הפלטפורמה ונבנו הקהילות הראשונות."),
            (D(2019, 6, 1), N.BREAKTHROUGH, "המשרד מנהל את הקהילות ואת הקשר עם הפלטפורמה בעצמו."),
        ],
    ),
    # seed L367: core systems and task-management tools such as Monday.
    (
        DIGITAL_WELFARE,
        IT_DIVISION,
        "",
        MONDAY,
        "",
        ORIGIN.INTRODUCTION,
        None,
        "ronit.alon",
        D(2019, 3, 1),
        D(2019, 10, 1),
        OWN_MICHAEL,
        False,
        "הצוות הכיר לאגף כלי לניהול משימות שמתאים לעבודה בצוותים משותפים.",
        [
            (D(2019, 3, 1), N.MEETING, "הצגת הכלי לאגף מערכות מידע."),
            (D(2019, 10, 1), N.BREAKTHROUGH, "הכלי בשימוש, והאגף מנהל את הקשר עם החברה."),
        ],
    ),
    # seed L932-L938: the team knew Hilma from joint activities; a joint team at very high intensity.
    (
        DIGITAL_WELFARE,
        MINISTRY,
        "מומחית התוכן לאלימות במשפחה",
        HILMA,
        "מובילת הפיתוח בהתנדבות",
        ORIGIN.INTRODUCTION,
        None,
        "shira.golan",
        D(2020, 5, 1),
        D(2020, 10, 1),
        OWN_AVI,
        False,
        'הצוות הכיר את הילמ"ה בפעילויות משותפות, והפגיש אותה עם מומחי התוכן של המשרד כשעלה הצורך בקורונה.',
        [
            (D(2020, 5, 1), N.MEETING, "היכרות הדדית, ומיד אחריה צוות משותף."),
            (D(2020, 6, 1), N.JOINT_WORK, "עבודה בעצימות גבוהה מאוד, כולל אבטחת מידע ופרטיות של מי שממלא."),
            (D(2020, 10, 1), N.BREAKTHROUGH, "השאלון פתוח לכולם בחמש שפות, והשותפות ממשיכה ישירות."),
        ],
    ),
    # The active engagement (2024–): initiatives/demo.py DV_INITIATIVES, opportunities/demo.py DV_SCOUTING.
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "מומחית התוכן לאלימות במשפחה",
        HILMA,
        "מובילת הפיתוח בהתנדבות",
        ORIGIN.OTHER,
        None,
        None,
        D(2024, 3, 1),
        D(2024, 3, 1),
        OWN_NURIT,
        False,
        "הקשר נמשך ישירות מימי i-risk; הוא לא צריך את הצוות.",
        [(D(2024, 4, 1), N.JOINT_WORK, "שתיהן יושבות בוועדת ההיגוי החדשה.")],
    ),
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "המטה לאלימות במשפחה",
        NDA,
        "",
        ORIGIN.SCOUTING,
        None,
        "shira.golan",
        D(2024, 7, 10),
        None,
        "",
        False,
        "הצוות הציג למערך את הצורך במעבר ישיר מהשאלון לגורם מטפל.",
        [(D(2024, 7, 10), N.MEETING, "הוסכם לשתף את כללי הנגישות והשפה הפשוטה של אתרי הממשלה.")],
    ),
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "המטה לאלימות במשפחה",
        INNOVATION,
        "",
        ORIGIN.SCOUTING,
        None,
        "team",
        D(2025, 3, 18),
        None,
        "",
        False,
        "שיחת היכרות בכנס חדשנות בשירותים חברתיים.",
        [(D(2025, 3, 18), N.MEETING, "היכרות בכנס, בהובלת הצוות.")],
    ),
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "המטה לאלימות במשפחה",
        HOWAZIT,
        "",
        ORIGIN.SCOUTING,
        None,
        "team",
        D(2025, 3, 18),
        None,
        "",
        False,
        "שיחה על מדידת משוב בלי מידע מזהה, בכנס חדשנות בשירותים חברתיים.",
        [(D(2025, 3, 18), N.MEETING, "Howazit מציגה איך מודדים חוויה בלי לזהות את הממלאים.")],
    ),
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "המטה לאלימות במשפחה",
        HILMA,
        "מתנדבי ההאקתון",
        ORIGIN.EVENT,
        "referral_hackathon",
        "shira.golan",
        D(2025, 5, 20),
        D(2026, 3, 10),
        OWN_NURIT,
        False,
        "מתנדבי ההאקתון המשיכו לצוות המשותף של ההפניה החמה.",
        [
            (D(2025, 5, 21), N.JOINT_WORK, "אב-טיפוס אחד נבחר להמשך."),
            (D(2025, 9, 1), N.JOINT_WORK, "צוות משותף נפגש כל שבוע, בליווי הצוות."),
            (D(2026, 3, 10), N.BREAKTHROUGH, "כללי ההסכמה נקבעו יחד, והמטה והמתנדבים עובדים ישירות."),
        ],
    ),
    (
        DOMESTIC_VIOLENCE,
        MINISTRY,
        "המטה לאלימות במשפחה",
        SHAPIRA,
        "האקסלרטור",
        ORIGIN.SCOUTING,
        None,
        "shira.golan",
        D(2026, 2, 11),
        None,
        "",
        False,
        "האקסלרטור ילווה את התאמת הנוסחים לנגישות.",
        [(D(2026, 2, 11), N.MEETING, "למדנו איך בודקים נגישות עם משתמשים עם מוגבלות.")],
    ),
]

# ------------------------------------------------------------------------------------------------
# Mentoring of role holders in both worlds (seed L351, L665, L725, L873, L938)
# ------------------------------------------------------------------------------------------------
# (engagement, mentor, mentee, world, organisation, held on, topic, what moved, outcome)
MENTORING = [
    (
        DIGITAL_WELFARE,
        "team",
        "מיכאל פרץ, ראש צוות BI",
        WELFARE,
        IT_DIVISION,
        D(2017, 10, 15),
        "תהליך למידה לצוות מערכות המידע: לשאול את האגפים מה הם צריכים",
        [M.SKILL, M.SHARED_LANGUAGE],
        "מהדוחות שאיש לא ביקש – לשיחה עם האגפים על ההחלטות שהם מקבלים.",
    ),
    (
        DIGITAL_WELFARE,
        "ronit.alon",
        "דנה שמואלי, הרפרנטית הדיגיטלית",
        WELFARE,
        ELDERLY_SERVICE,
        D(2017, 5, 15),
        "האם המשרד מסוגל לפתח שירות כזה, והאם הוא מתאים לאזרחים ותיקים",
        [M.CONFIDENCE],
        "יצאה מהפגישה עם תוכנית לבדוק את השאלות בפיילוט, במקום להכריע בהן מראש.",
    ),
    (
        DIGITAL_WELFARE,
        "ronit.alon",
        "מייסד Uniper",
        DIGITAL,
        UNIPER,
        D(2017, 5, 22),
        "מעבר מעולם הטכנולוגיה לשותפות עם מגזר ציבורי שאינו טכנולוגי",
        [M.SHARED_LANGUAGE, M.CONFIDENCE],
        "הבין את קצב ההחלטות של המשרד ואת תפקיד ועדת ההיגוי.",
    ),
    (
        DIGITAL_WELFARE,
        "ronit.alon",
        "דנה שמואלי, הרפרנטית הדיגיטלית",
        WELFARE,
        ELDERLY_SERVICE,
        D(2018, 7, 10),
        "מה עושים עם החשש של מרכזי היום באמצע הפיילוט",
        [M.DECISION],
        "הוחלט לבדוק בפיילוט אם מספר הביקורים במרכז משתנה, ולהציג את הנתונים לצוותים.",
    ),
    (
        DIGITAL_WELFARE,
        "team",
        "סאמי חורי, הרפרנט הדיגיטלי",
        WELFARE,
        DISABILITIES,
        D(2018, 9, 10),
        "בניית מסוגלות אישית וארגונית להוביל שירות היברידי באגף",
        [M.CONFIDENCE, M.DECISION],
        "לקח על עצמו את הקשר השוטף עם atvisor.",
    ),
    (
        DIGITAL_WELFARE,
        "team",
        "תמר שחר, מנהלת המוצר",
        DIGITAL,
        ATVISOR,
        D(2018, 9, 17),
        "איך מתקשרים עם המשרד ומדווחים לו",
        [M.SHARED_LANGUAGE, M.SKILL],
        "בנתה עם הצוות את תהליך הדיווח למשרד.",
    ),
    (
        DIGITAL_WELFARE,
        "shira.golan",
        "אורנה לוין, הרפרנטית הדיגיטלית",
        WELFARE,
        PROBATION,
        D(2019, 7, 10),
        "אמון בתהליך ובשותפים, ומסוגלות להוביל את המהלך בשירות המבחן",
        [M.CONFIDENCE],
        "מציגה בעצמה את המערכת לקציני המבחן.",
    ),
    (
        DIGITAL_WELFARE,
        "shira.golan",
        "עידו נחום, ראש צוות מוצר",
        DIGITAL,
        HOWAZIT,
        D(2019, 7, 24),
        "שיטות העבודה של המשרד והמגזר הציבורי",
        [M.SHARED_LANGUAGE],
        "התאים את לוח הזמנים של הפיתוח לתהליכי האישור של המשרד.",
    ),
    (
        DIGITAL_WELFARE,
        "shira.golan",
        "נורית אלמוג, מומחית תוכן",
        WELFARE,
        MINISTRY,
        D(2020, 7, 5),
        "מה תפקיד המשרד מעבר להנגשת הכלי",
        [M.DECISION],
        "הגדירה עם ההנהלה את תפקיד המשרד כלפי מי שממלאים את השאלון.",
    ),
    (
        DIGITAL_WELFARE,
        "shira.golan",
        "גל ברק, מובילת פיתוח בהתנדבות",
        DIGITAL,
        HILMA,
        D(2020, 7, 12),
        "בניית כלי אוניברסלי, ואבטחת מידע של מי שממלא אותו",
        [M.CONFIDENCE, M.SKILL],
        "הצוות המתנדב קיבל את כללי אבטחת המידע של המשרד כחלק מהתכנון.",
    ),
    (
        DIGITAL_WELFARE,
        "team",
        "יוסי מזרחי, המוביל הדיגיטלי",
        WELFARE,
        MINISTRY,
        D(2021, 6, 15),
        "להחזיק את הקשרים עם עולם הדיגיטל אחרי שהצוות ייפרד",
        [M.DECISION, M.CONFIDENCE],
        "לכל קשר עם ארגון שותף נקבע בעלים במשרד.",
    ),
    (
        DOMESTIC_VIOLENCE,
        "shira.golan",
        "נורית אלמוג, מומחית תוכן",
        WELFARE,
        MINISTRY,
        D(2025, 9, 15),
        "שיחה ראשונה רגישה: מה אומרים למי שביקשו שיחזרו אליהם",
        [M.SHARED_LANGUAGE],
        "נוסח ראשון של תסריט השיחה, שנבדק עם המתנדבים.",
    ),
    (
        DOMESTIC_VIOLENCE,
        "shira.golan",
        "גל ברק, מובילת פיתוח בהתנדבות",
        DIGITAL,
        HILMA,
        D(2025, 9, 22),
        "עבודה בסבבים קצרים מול תהליכי האישור של המשרד",
        [M.SHARED_LANGUAGE, M.DECISION],
        "הוחלט להגיש לאישור חבילות קטנות, כל שבועיים.",
    ),
]

# ------------------------------------------------------------------------------------------------
# Two in a box (seed L806, L812): a welfare role and a data role, with the data set agreed at planning
# ------------------------------------------------------------------------------------------------
PAIRINGS = [
    (
        BI_DASHBOARDS,
        "חנה אברהם",
        "מפקחת ארצית, השירות לאזרחים ותיקים",
        "מיכאל פרץ",
        "ראש צוות BI, אגף מערכות מידע",
        D(2018, 6, 1),
        "נתוני המחלקות לשירותים חברתיים לפי רשות ולפי חודש: פונים, מקבלי שירות, זמני המתנה ומסגרות בקהילה – "
        "כפי שהוגדרו יחד בתכנון לוח הבקרה הראשון.",
    ),
    (
        SUPERVISOR,
        "אלון שטרן",
        "מפקח מחוזי",
        "ליאור בן דוד",
        "אנליסטית נתונים, אגף מערכות מידע",
        D(2018, 10, 1),
        "לכל מחלקה שבפיקוח: ביקורי הפיקוח האחרונים, ממצאים פתוחים ונתוני השירות העיקריים – מתעדכנים כל בוקר.",
    ),
]

# ------------------------------------------------------------------------------------------------
# Procurement paths for services never tried (seed L590, L657, L661, L729, L863, L875)
# ------------------------------------------------------------------------------------------------
PROCUREMENT = {
    CLICK: [
        (
            P.ADAPTED_TENDER,
            D(2017, 2, 1),
            "מכרז ייחודי שנכתב לצורכי המשרד ולעולם הדיגיטל, כדי לבחור ספק חיצוני שיבנה את האתר ויפעיל אותו "
            "יחד עם המשרד.",
        ),
        (P.CONTRACT, D(2017, 7, 1), "נחתם חוזה עם הספק שנבחר; הצוות ליווה את צוות הפרויקט עד העלייה לאוויר."),
    ],
    BASKET: [
        (
            P.VENDOR_CONFERENCE,
            D(2017, 11, 1),
            "כנס ספקים שבו הוצג הצורך, כדי לבחור את דרך ההתקשרות המתאימה לשירות ממשלתי עם חברה חברתית-עסקית.",
        ),
        (P.RFI, D(2017, 11, 20), "פנייה לקבלת מידע מיפתה שחקנים נוספים בתחום, לצד atvisor."),
        (P.REGULATION, D(2018, 6, 1), "הותאמו תקנות שעיכבו את הפיתוח ואת יישום הפתרון."),
    ],
    ELDERLY: [
        (
            P.REGULATION,
            D(2018, 9, 1),
            "דרך רכש מותאמת לשירות שלא נוסה מעולם במשרד: במקום מדדי הצלחה שנקבעים מראש – אבני דרך של למידה "
            "מהפיילוט, ומהן נקבעו הדרישות.",
        ),
        (P.CONTRACT, D(2019, 3, 1), "השירות עבר למשרד כשירות של השירות לאזרחים ותיקים."),
    ],
    PROBATION_SYSTEM: [
        (
            P.CHALLENGE_TENDER,
            D(2018, 9, 1),
            "מכרז אתגר שפורסם בג'וינט לפתרון פיקוח מרחוק על מסלול השל\"צ; הביא להיכרות עם Howazit.",
        ),
        (
            P.REGULATION,
            D(2019, 10, 1),
            "נבחנו דרכי ההתקשרות של המשרד והותאמו לארגון שותף מעולם הדיגיטל, בעקבות למידה מהתקשרויות דומות.",
        ),
        (P.CONTRACT, D(2020, 1, 15), "התקשרות עם Howazit לפיתוח המערכת ולהפעלתה."),
    ],
}

# seed L729: how do you measure success of a service that never ran? The pilot's questions, and answers.
MILESTONES = {
    ELDERLY: [
        (
            "האם אזרחים ותיקים בפריפריה ובערים מצטרפים לפעילות מרחוק ונשארים בה?",
            D(2018, 4, 30),
            D(2018, 5, 15),
            "רובם הצטרפו והמשיכו; בערים נדרשה פנייה אישית למשפחות כדי להגיע למספר המתוכנן.",
        ),
        (
            "האם ההשתתפות מרחוק מוסיפה על הביקור במרכז היום או באה במקומו?",
            D(2018, 12, 31),
            D(2018, 12, 31),
            "מוסיפה: מי שהגיעו למרכז המשיכו להגיע, ומי שלא יכלו להגיע הצטרפו מהבית.",
        ),
        (
            "האם הטכנולוגיה עומדת בדרכם של האזרחים הוותיקים?",
            D(2018, 6, 30),
            D(2018, 6, 30),
            "לא בהכרח: עם התקנה בבית והדרכה קצרה הם השתמשו בשירות בעצמם.",
        ),
        (
            "מה המשרד צריך לדרוש ברכש של שירות כזה?",
            D(2018, 8, 31),
            D(2018, 8, 31),
            "מהממצאים נקבעו הדרישות ומדדי ההצלחה שנכנסו לדרך הרכש המותאמת.",
        ),
    ],
}

# ------------------------------------------------------------------------------------------------
# From venture to national service (seed L727, L736; L944, L950)
# ------------------------------------------------------------------------------------------------
# (measured on, phase, users, localities, services, note). Uniper: the pilot's 60 people in four localities
# and "thousands of homes" in 2022 are the source's; the figures between are illustrative.
REACH = {
    ELDERLY: [
        (
            D(2017, 6, 1),
            Phase.VENTURE,
            0,
            None,
            None,
            "המוצר עדיין רעיון; ועדת ההיגוי מתחילה לעקוב אחר הפיתוח.",
        ),
        (
            D(2018, 1, 15),
            Phase.PILOT,
            60,
            4,
            None,
            "פיילוט: 60 אזרחים ותיקים בגליל העליון, נתיבות, רמת גן וירושלים.",
        ),
        (D(2018, 12, 31), Phase.PILOT, 60, 4, 3, "סוף הפיילוט: מרכז היום, שירותים בקהילה ובני משפחה."),
        (D(2019, 12, 31), Phase.MINISTRY_SERVICE, 700, 15, 3, "השנה הראשונה כשירות של המשרד."),
        (D(2020, 12, 31), Phase.MINISTRY_SERVICE, 2000, 40, 3, "בקורונה הרשויות מרחיבות את השירות."),
        (
            D(2022, 6, 30),
            Phase.NATIONAL,
            4000,
            None,
            None,
            "השירות פועל בבתיהם של אלפי אזרחים ותיקים ברחבי הארץ.",
        ),
    ],
    IRISK: [
        (D(2020, 10, 1), Phase.NATIONAL, None, None, 1, "השאלון פתוח לכל דורש, בחמש שפות."),
        (
            D(2021, 3, 1),
            Phase.NATIONAL,
            None,
            None,
            4,
            "בעקבותיו: זיהוי אובדנות, לחץ וחרדה, ובני נוער בסיכון.",
        ),
    ],
}

# ------------------------------------------------------------------------------------------------
# The fears of each party in the Uniper case (seed L725)
# ------------------------------------------------------------------------------------------------
CONCERNS = [
    (
        Concern.Party.OPERATORS,
        DAY_CENTRES,
        D(2017, 7, 1),
        "צוותי מרכזי היום חששו שאם אפשר להשתתף בפעילות מהבית, האזרחים הוותיקים יפסיקו להגיע למרכז עצמו.",
        "הצוות שם את החשש על השולחן בוועדת ההיגוי, והוסכם לבדוק אותו בפיילוט: האם מספר הביקורים במרכז "
        "משתנה. הנתונים הוצגו לצוותי המרכזים באמצע הדרך ובסופה.",
        Concern.Status.GONE,
    ),
    (
        Concern.Party.MINISTRY,
        ELDERLY_SERVICE,
        D(2017, 7, 1),
        "צוות המשרד חשש שהאזרחים הוותיקים לא ישתפו פעולה עם שירות שעובר דרך מסך, ושאל אם המשרד בכלל "
        "מסוגל לפתח שירות כזה.",
        "ליווי אישי של הרפרנטית ושל הצוות המקצועי, ויציאה לפיילוט קטן שבו השאלה נבדקת במקום שיוכרע בה מראש.",
        Concern.Status.GONE,
    ),
    (
        Concern.Party.VENTURE,
        UNIPER,
        D(2017, 7, 1),
        "צוות Uniper חשש שהמוצר, שהיה עדיין רעיון, לא יצליח – ובה בעת עבר מעולם הטכנולוגיה לעבודה עם מגזר "
        "ציבורי שאינו טכנולוגי.",
        "ליווי אישי של המייסד, פיתוח משותף בתכנון מוכוון אדם עם משוב לאורך הדרך, וועדת היגוי שבה שני "
        "הצדדים מחליטים יחד. הצוות החזיק את אי-הוודאות והניע את כולם לפעולה.",
        Concern.Status.HELD,
    ),
]


# ------------------------------------------------------------------------------------------------
# Loading
# ------------------------------------------------------------------------------------------------
def _record(model, *, actor, key: dict, data: dict, many: dict | None = None):
    """Create the record, or bring the one found by ``key`` up to date where it differs (idempotent)."""
    existing = model.objects.filter(**key).first()
    if existing is None:
        return record_create(model, actor=actor, data={**key, **data}, many=many)
    changed = {field: value for field, value in data.items() if getattr(existing, field) != value}
    many_changed = {
        field: values
        for field, values in (many or {}).items()
        if set(getattr(existing, field).all()) != set(values)
    }
    if changed or many_changed:
        return record_update(existing, actor=actor, data=changed, many=many_changed)
    return existing


def _organizations() -> dict[str, Organization]:
    for name, world, kind, description in NEW_ORGANIZATIONS:
        if not Organization.objects.filter(name=name).exists():
            core_services.organization_create(
                actor=None, name=name, world=world, kind=kind, description=description
            )
    return {org.name: org for org in Organization.objects.all()}


def _initiative(engagement, title) -> Initiative:
    return Initiative.objects.get(engagement=engagement, title=title)


def _events(engagements, orgs, team) -> dict[str, Event]:
    events = {}
    for key, spec in EVENTS.items():
        engagement = engagements[spec["engagement"]]
        many = {
            "needs": list(Need.objects.filter(engagement=engagement, title__in=spec["needs"])),
            "initiatives": list(
                Initiative.objects.filter(engagement=engagement, title__in=spec["initiatives"])
            ),
            "mechanisms": list(Mechanism.objects.filter(engagement=engagement, title__in=spec["mechanisms"])),
        }
        data = {
            field: spec[field]
            for field in ("kind", "starts_on", "ends_on", "place", "description", "lessons")
        }
        event = _record(
            Event, actor=team, key={"engagement": engagement, "title": spec["title"]}, data=data, many=many
        )
        for world, org_name, count, note in spec["participants"]:
            _record(
                EventParticipation,
                actor=team,
                key={"event": event, "world": world, "organization": orgs.get(org_name)},
                data={"count": count, "note": note},
            )
        events[key] = event
    return events


def _partners_handover(dw) -> HandoverItem | None:
    review = ExitReview.objects.filter(engagement=dw).order_by("-reviewed_on").first()
    if review is None:
        return None
    return review.handover.filter(function=PARTNERS_HANDOVER).order_by("pk").first()


def _connections(engagements, orgs, events, users, team):
    handover = _partners_handover(engagements[DIGITAL_WELFARE])
    for (
        engagement_name,
        welfare,
        welfare_person,
        digital,
        digital_person,
        origin,
        event_key,
        introduced_by,
        began_on,
        direct_since,
        owner,
        handed_over,
        notes,
        trust,
    ) in CONNECTIONS:
        engagement = engagements[engagement_name]
        connection = _record(
            Connection,
            actor=team,
            key={
                "engagement": engagement,
                "welfare_party": orgs[welfare],
                "welfare_person": welfare_person,
                "digital_party": orgs[digital],
                "digital_person": digital_person,
            },
            data={
                "origin": origin,
                "event": events[event_key] if event_key else None,
                "introduced_by": users.get(introduced_by),
                "began_on": began_on,
                "direct_since": direct_since,
                "ministry_owner": owner,
                "handover_item": handover if handed_over else None,
                "notes": notes,
            },
        )
        for on, kind, text in trust:
            _record(
                TrustNote,
                actor=team,
                key={"connection": connection, "on": on, "kind": kind},
                data={"text": text},
            )


def _mentoring(engagements, orgs, users, team):
    for engagement_name, mentor, mentee, world, org_name, held_on, topic, moved, outcome in MENTORING:
        _record(
            MentoringSession,
            actor=team,
            key={"engagement": engagements[engagement_name], "mentee": mentee, "held_on": held_on},
            data={
                "mentor": users.get(mentor),
                "mentee_world": world,
                "mentee_organization": orgs[org_name],
                "topic": topic,
                "moved": list(moved),
                "outcome": outcome,
            },
        )


def _initiative_records(dw, team):
    for title, welfare_person, welfare_role, digital_person, digital_role, started_on, data_set in PAIRINGS:
        _record(
            Pairing,
            actor=team,
            key={
                "initiative": _initiative(dw, title),
                "welfare_person": welfare_person,
                "digital_person": digital_person,
            },
            data={
                "welfare_role": welfare_role,
                "digital_role": digital_role,
                "started_on": started_on,
                "data_set": data_set,
            },
        )
    for title, steps in PROCUREMENT.items():
        initiative = _initiative(dw, title)
        for kind, on, outcome in steps:
            _record(
                ProcurementStep,
                actor=team,
                key={"initiative": initiative, "kind": kind, "on": on},
                data={"status": ProcurementStep.Status.DONE, "outcome": outcome},
            )
    for title, milestones in MILESTONES.items():
        initiative = _initiative(dw, title)
        for question, due_on, reached_on, learned in milestones:
            _record(
                LearningMilestone,
                actor=team,
                key={"initiative": initiative, "question": question},
                data={"due_on": due_on, "reached_on": reached_on, "learned": learned},
            )
    for title, measurements in REACH.items():
        initiative = _initiative(dw, title)
        for measured_on, phase, users, localities, services, note in measurements:
            _record(
                ReachMeasurement,
                actor=team,
                key={"initiative": initiative, "measured_on": measured_on},
                data={
                    "phase": phase,
                    "users": users,
                    "localities": localities,
                    "services": services,
                    "note": note,
                },
            )


def _concerns(dw, orgs, team):
    elderly = _initiative(dw, ELDERLY)
    for party, org_name, raised_on, concern, holding, status in CONCERNS:
        _record(
            Concern,
            actor=team,
            key={"engagement": dw, "initiative": elderly, "party": party, "raised_on": raised_on},
            data={
                "organization": orgs[org_name],
                "concern": concern,
                "holding": holding,
                "status": status,
            },
        )


def load_connections_demo():
    team = User.objects.get(username="team")
    users = {u.username: u for u in User.objects.filter(username__in=["team", "ronit.alon", "shira.golan"])}
    engagements = {
        e.name: e for e in Engagement.objects.filter(name__in=[DIGITAL_WELFARE, DOMESTIC_VIOLENCE])
    }
    dw = engagements[DIGITAL_WELFARE]
    orgs = _organizations()
    events = _events(engagements, orgs, team)
    _connections(engagements, orgs, events, users, team)
    _mentoring(engagements, orgs, users, team)
    _initiative_records(dw, team)
    _concerns(dw, orgs, team)
