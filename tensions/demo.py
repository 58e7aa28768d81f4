"""Demo data: the tensions of the source, in our own words — those of "Digital Welfare" with the dates the
team recorded their steps, those of the active engagement as they stand now. Idempotent: a tension found
by its title is brought up to date where it differs, so loading twice changes nothing."""

from datetime import date, timedelta

from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, User
from api_human.core.services import record_update
from initiatives.demo import DV_COMMUNITIES, DV_REFERRAL, ELDERLY
from initiatives.models import Initiative

from . import services as tension_services
from .models import Tension

D = date

UNIPER_FEARS = "חששות שעלו בפיתוח שירותי הקהילה מרחוק"
HOLDING = (
    "תפקיד ה-API האנושי היה להחזיק את אי-הוודאות של כל הצדדים ולהניע את הצוות לפעולה: ליווי אישי של "
    "צוות המשרד ושל צוות Uniper, ועדת היגוי משותפת ופיילוט שממנו לומדים."
)

# The tensions of the source. Steps of a "Digital Welfare" tension are dated (they were recorded then);
# those of the active engagement happen now.
TENSIONS = [
    {
        "title": "מענה דיגיטלי או מענה אנושי",
        "engagement": DIGITAL_WELFARE,
        "source_type": "value",
        "origin": "inherent",
        "poles": ("מענה דיגיטלי לפונה", "מענה אנושי לפונה"),
        "state": "criteria_defined",
        "criteria": [
            "המענה הדיגיטלי מרחיב את הגישה ואינו מחליף את העובד הסוציאלי",
            "לכל שירות דיגיטלי יש דרך פשוטה להגיע לאדם",
        ],
        "text": "",
        "initiatives": [ELDERLY],
        "dates": [D(2017, 6, 1), D(2017, 7, 1), D(2017, 8, 1), D(2017, 10, 1)],
    },
    {
        "title": "פרטיות המידע מול אוטומציה ומענה מהיר",
        "engagement": DIGITAL_WELFARE,
        "source_type": "value",
        "origin": "inherent",
        "poles": ("שמירה על חיסיון המידע", "אוטומציה ומענה מהיר"),
        "state": "resolved",
        "criteria": ["אין איסוף מידע מזהה שאינו נחוץ למענה", "המשתמש שולט במה שהוא משתף"],
        "text": "גם וגם: השאלון פתוח לכולם בלי הזדהות, וההכוונה למענה נעשית בלי לשמור מידע מזהה.",
        "initiatives": ["i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות"],
        "dates": [D(2020, 6, 1), D(2020, 6, 8), D(2020, 6, 15), D(2020, 6, 22), D(2020, 7, 15)],
    },
    {
        "title": "מדדי הצלחה לרכש מול שירות שלא נוסה מעולם",
        "engagement": DIGITAL_WELFARE,
        "source_type": "administrative",
        "origin": "change_process",
        "poles": ("הצורך להגדיר מדדי הצלחה במכרז", "אין ניסיון עבר לשירות דיגיטלי חדש"),
        "state": "jumped",
        "criteria": [],
        "text": "הוחלט לצאת לפיילוט עם תוכנית למידה ולקבוע את מדדי ההצלחה מתוכו.",
        "initiatives": [ELDERLY],
        "dates": [D(2017, 9, 1), D(2017, 10, 1), D(2017, 11, 1), D(2017, 12, 15)],
    },
    # The fears of the three parties while the remote service for older people was developed.
    {
        "title": "השתתפות מרחוק מול הביקור הפיזי במרכז היום",
        "engagement": DIGITAL_WELFARE,
        "description": "צוותי מרכזי היום חששו שאם אפשר להשתתף בפעילות מהבית, אזרחים ותיקים יפסיקו להגיע "
        f"למרכז עצמו. {HOLDING}",
        "source_type": "perceptual",
        "origin": "inherent",
        "poles": ("השתתפות בפעילות מרחוק, מהבית", "ביקור פיזי של האזרח הוותיק במרכז היום"),
        "state": "resolved",
        "criteria": [
            "השירות מרחוק פונה גם למי שאינו יכול להגיע למרכז",
            "בפיילוט בודקים אם מספר הביקורים במרכז משתנה",
        ],
        "text": "גם וגם: ההשתתפות מרחוק מרחיבה את סל השירותים של מרכז היום ואינה באה במקום הביקור בו.",
        "initiatives": [ELDERLY],
        "dates": [D(2017, 7, 1), D(2017, 7, 15), D(2017, 8, 1), D(2017, 9, 1), D(2018, 12, 31)],
    },
    {
        "title": "האם אזרחים ותיקים ישתפו פעולה עם שירות דיגיטלי?",
        "engagement": DIGITAL_WELFARE,
        "description": f"צוות המשרד חשש שהאזרחים הוותיקים לא ישתפו פעולה עם שירות שעובר דרך מסך. {HOLDING}",
        "source_type": "perceptual",
        "origin": "change_process",
        "poles": ("לפתח שירות דיגיטלי לאזרחים ותיקים", "החשש שהם לא ישתמשו בו"),
        "state": "jumped",
        "criteria": [],
        "text": "הצוות החזיק את אי-הוודאות ויצא לפיילוט ב-60 בתים; התברר שהטכנולוגיה אינה בהכרח חסם.",
        "initiatives": [ELDERLY],
        "dates": [D(2017, 7, 1), D(2017, 7, 15), D(2017, 8, 1), D(2017, 12, 1)],
    },
    {
        "title": "הסיכון שהמוצר לא יצליח",
        "engagement": DIGITAL_WELFARE,
        "description": "צוות Uniper חשש שהמוצר, שהיה עדיין רעיון, לא יצליח, וגם עבר מעולם הטכנולוגיה לשותפות "
        f"עם מגזר ציבורי שאינו טכנולוגי. {HOLDING}",
        "source_type": "perceptual",
        "origin": "change_process",
        "poles": ("להתחייב לשותפות ולפיילוט עם המשרד", "מוצר שעוד לא הוכיח את עצמו"),
        "state": "jumped",
        "criteria": [],
        "text": "פיתוח משותף בתכנון מוכוון אדם עם משוב לאורך הדרך, וליווי אישי של צוות Uniper; יצאו לפיילוט.",
        "initiatives": [ELDERLY],
        "dates": [D(2017, 7, 1), D(2017, 7, 15), D(2017, 8, 1), D(2017, 12, 1)],
    },
    # The active engagement (2024–): dated as the team recorded them; none blocks the work today.
    {
        "title": "מה תפקיד המשרד מעבר להנגשת הכלי?",
        "engagement": DOMESTIC_VIOLENCE,
        "description": "הכלי פתוח לכולם ואינו מזהה איש, אבל המשרד אחראי לפעול כשמישהו בסכנה. העיסוק בשאלה עצר את "
        "העבודה על ההפניה החמה כחודש, עד שוועדת ההיגוי קבעה קריטריונים.",
        "source_type": "perceptual",
        "origin": "inherent",
        "poles": ("כלי אנונימי לציבור", "אחריות המשרד להתערב"),
        "state": "criteria_defined",
        "criteria": [
            "מי שממלאים את השאלון מחליטים אם ומתי לפנות, והכלי אינו מעביר מידע בלי בקשתם",
            "כשעולה סכנה מיידית, הכלי מציג מיד את קווי החירום",
        ],
        "text": "",
        "initiatives": [DV_REFERRAL],
        "dates": [D(2024, 7, 1), D(2024, 7, 15), D(2024, 9, 1), D(2024, 10, 15)],
    },
    {
        "title": "קצב העבודה של מתנדבים מול תהליכי האישור של המשרד",
        "engagement": DOMESTIC_VIOLENCE,
        "description": 'מתנדבי הילמ"ה עובדים בסבבים קצרים, ואישורי אבטחת המידע והתוכן במשרד נמשכים חודשים.',
        "source_type": "administrative",
        "origin": "change_process",
        "poles": ("פיתוח מהיר בהתנדבות", "אישורי אבטחת מידע ותוכן"),
        "state": "jumped",
        "criteria": [],
        "text": "הוחלט לבנות את גרסת הניסיון בסביבת בדיקה, בלי נתונים של פונים, במקביל לתהליך האישור ולא אחריו.",
        "initiatives": [DV_REFERRAL],
        "dates": [D(2025, 10, 1), D(2025, 10, 8), D(2025, 10, 20), D(2025, 11, 15)],
    },
    {
        "title": "נוסח אחיד לכל הציבור מול התאמה לקהילות",
        "engagement": DOMESTIC_VIOLENCE,
        "description": "אנשי מקצוע מהקהילות אמרו שחלק מהשאלות מובנות אחרת בתרבויות שונות.",
        "source_type": "perceptual",
        "origin": "inherent",
        "poles": ("שאלון אחיד שאפשר להשוות בין תוצאותיו", "נוסח שמתאים לכל קהילה"),
        "state": "resolved",
        "criteria": [
            "השאלות שמזהות את הסיכון זהות בכל הנוסחים",
            "כל נוסח נבדק עם אנשי מקצוע מהקהילה לפני שהוא עולה",
        ],
        "text": "גם וגם: ליבת השאלות אחידה, וההסברים, הדוגמאות וההכוונה לעזרה מותאמים לכל קהילה.",
        "initiatives": [DV_COMMUNITIES],
        "dates": [D(2025, 12, 1), D(2025, 12, 10), D(2026, 1, 5), D(2026, 2, 1), D(2026, 4, 1)],
    },
    {
        "title": "מדידת השימוש בכלי מול שמירה על האנונימיות",
        "engagement": DOMESTIC_VIOLENCE,
        "description": "הצוות עוד לא הכריע אם המתח טבוע במפגש בין דיגיטל לרווחה או נולד מהדרך שבה נבנה הכלי.",
        "source_type": "value",
        "origin": "unknown",
        "poles": ("נתונים שמראים אם הכלי עוזר", "אנונימיות מלאה של מי שממלאים אותו"),
        "state": "legitimised",
        "criteria": [],
        "text": "",
        "initiatives": [DV_REFERRAL],
        "dates": [D(2026, 5, 1), D(2026, 5, 15)],
    },
    {
        "title": "איתור מוקדם מול העומס על המרכזים המטפלים",
        "engagement": DOMESTIC_VIOLENCE,
        "description": "עובדות במרכזים לטיפול ולמניעת אלימות במשפחה שואלות מי יענה לפניות הנוספות אם ההפניה "
        "החמה תצליח.",
        "source_type": "perceptual",
        "origin": "unknown",
        "poles": ("להגיע ליותר אנשים בסיכון", "הזמן של הצוותים המטפלים"),
        "state": "raised",
        "criteria": [],
        "text": "",
        "initiatives": [DV_REFERRAL],
        "dates": [D(2026, 11, 12)],
    },
]
PATHS = {
    "raised": [],
    "legitimised": ["legitimised"],
    "classified": ["legitimised", "classified"],
    "criteria_defined": ["legitimised", "classified", "criteria_defined"],
    "resolved": ["legitimised", "classified", "criteria_defined", "resolved"],
    "jumped": ["legitimised", "classified", "jumped"],
}


def _historical_steps_are_wrong(tension, engagement) -> bool:
    """An earlier demo recorded the steps of a finished engagement's tensions on the load date."""
    end = engagement.end_date
    return bool(end) and (
        (tension.closed_on and tension.closed_on > end)
        or tension.events.filter(happened_at__date__gt=end).exists()
    )


def _bring_forward(tension, spec, team):
    """An earlier demo left an open tension of the active engagement behind its spec (origin unknown, fewer
    criteria, an earlier state, blocking): take the missing steps, dated no earlier than it was raised.
    Nothing happens once it matches."""
    if not tension.is_open:
        return
    if tension.origin == Tension.Origin.UNKNOWN and spec["origin"] != tension.origin:
        tension = record_update(tension, actor=team, data={"origin": spec["origin"]})
    have = set(tension.criteria.values_list("text", flat=True))
    for i, criterion in enumerate(spec["criteria"], 1):
        if criterion not in have:
            tension_services.criterion_add(tension=tension, actor=team, text=criterion, order=i)
    path = PATHS[spec["state"]]
    dates = spec.get("dates") or []
    done = path.index(tension.state) + 1 if tension.state in path else 0
    if tension.state == Tension.State.RAISED or tension.state in path:
        text = spec["text"]
        for i, step in enumerate(path[done:], done + 1):
            tension = tension_services.tension_move(
                tension=tension,
                actor=team,
                to_state=step,
                note=text if step == "jumped" else "",
                resolution=text if step == "resolved" else "",
                on=max(dates[i], tension.raised_on) if i < len(dates) else None,
            )
    if tension.blocking and not spec.get("blocking_days"):
        tension_services.tension_set_blocking(tension=tension, actor=team, blocking=False)


def _tension(spec, team, dw):
    engagement = Engagement.objects.get(name=spec["engagement"])
    initiatives = Initiative.objects.filter(engagement=engagement, title__in=spec["initiatives"])
    existing = Tension.objects.filter(engagement=engagement, title=spec["title"]).first()
    if existing is not None and _historical_steps_are_wrong(existing, engagement):
        existing._history_user = team
        existing.delete()
        existing = None
    if existing is not None:
        description = spec.get("description", "")
        if existing.description != description:
            record_update(existing, actor=team, data={"description": description})
        if set(existing.initiatives.all()) != set(initiatives):
            existing.initiatives.set(initiatives)
        if engagement != dw:
            _bring_forward(Tension.objects.get(pk=existing.pk), spec, team)
        return
    dates = spec.get("dates") or []
    raised_on = dates[0] if dates else timezone.localdate() - timedelta(days=45)
    pole_a, pole_b = spec["poles"]
    tension = tension_services.tension_create(
        actor=team,
        initiatives=initiatives,
        data={
            "engagement": engagement,
            "title": spec["title"],
            "description": spec.get("description", ""),
            "source_type": spec["source_type"],
            "origin": spec["origin"],
            "pole_a": pole_a,
            "pole_b": pole_b,
            "stage": "B1",
            "raised_on": raised_on,
        },
    )
    for i, criterion in enumerate(spec["criteria"], 1):
        tension_services.criterion_add(tension=tension, actor=team, text=criterion, order=i)
    text = spec["text"]
    for i, step in enumerate(PATHS[spec["state"]], 1):
        tension_services.tension_move(
            tension=tension,
            actor=team,
            to_state=step,
            note=text if step == "jumped" else "",
            resolution=text if step == "resolved" else "",
            on=dates[i] if dates else None,
        )
    if spec.get("blocking_days"):
        tension_services.tension_set_blocking(
            tension=Tension.objects.get(pk=tension.pk),
            actor=team,
            blocking=True,
            since=timezone.localdate() - timedelta(days=spec["blocking_days"]),
        )


def load_tensions_demo():
    team = User.objects.get(username="team")
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    for spec in TENSIONS:
        _tension(spec, team, dw)
