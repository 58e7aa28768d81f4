"""Demo data of stage B2: the source's partner organisations and their profiles, broadcasts, scouting and
knowledge flows.

Each partner organisation's first contact is the date of its own first step in the source (Uniper's
founder asked for a meeting early on, atvisor was met at an innovation fund the team judged, Howazit
came through a challenge tender, Hilma during COVID). At the farewell the relationships passed to
ministry role holders. The active engagement (2024–) has its own scouting, knowledge flows and
calls. Idempotent: what exists (by title) is brought up to date where it differs.
"""

from datetime import date, timedelta

from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, PartnerStatus, User
from api_human.core.services import record_create, record_update, save_with_history
from initiatives.models import Initiative, Need

from . import services
from .models import Broadcast, KnowledgeFlow, Match, Opportunity, ScoutingActivity

D = date
HILMA = 'הילמ"ה – הייטק למען החברה'
NATIONAL_DIGITAL_AGENCY = "מערך הדיגיטל הלאומי"
PROBATION_NEED = 'קשר מהיר ואיכותי בין שירות המבחן, מבצעי השל"צ, המסגרות הקולטות ובתי המשפט'
DATA_NEED = "נתונים מפולחים, בהירים ומהירים לכל יחידה במשרד"
TENDER_TITLE = 'קול קורא – מכרז אתגר: פיקוח מרחוק על מסלול השל"צ'

# organisation: (relevant need categories, relationship owner, first contact, last contact, approved partner)
# The owners are ministry people (role "manager"): the team handed the relationships over at the farewell.
RELATIONSHIPS = {
    "Uniper": (["citizen_services"], "dana.shmueli", D(2016, 11, 1), D(2021, 12, 1), True),
    "atvisor": (["citizen_services"], "sami.khoury", D(2017, 3, 1), D(2021, 12, 1), True),
    "Howazit": (["division_methods"], "orna.levin", D(2018, 10, 1), D(2021, 12, 1), True),
    HILMA: (["citizen_services"], "manager", D(2020, 5, 1), D(2026, 11, 24), True),
    NATIONAL_DIGITAL_AGENCY: (
        ["ministry_methods", "citizen_services"],
        "manager",
        D(2016, 1, 1),
        D(2021, 12, 1),
        False,
    ),
}

PROFILES = [
    {
        "organization": "Uniper",
        "title": "שירותי קהילה מרחוק לאזרחים ותיקים",
        "summary": "מערכת שמחברת אזרחים ותיקים מביתם למרכזי היום, לשירותי הקהילה ולמשפחה, דרך הטלוויזיה שבבית.",
        "problem": "בדידות של אזרחים ותיקים שאינם מגיעים למרכז היום",
        "target_population": "אזרחים ותיקים בבית",
        "need_categories": ["citizen_services"],
        "maturity": "at_scale",
        "evidence": "פיילוט של 60 אזרחים ותיקים בארבעה יישובים (2018), ואחריו הרחבה לאלפי בתים.",
        "languages": ["he", "ar", "ru"],
        "pipeline": "scale",
        "feedback": "השירות פועל בבתיהם של אלפי אזרחים ותיקים; נשמח לדבר על הרחבה לרשויות נוספות.",
        "initiative": "שירותי קהילה מרחוק לאזרח הוותיק",
    },
    {
        "organization": "atvisor",
        "title": "בחירת עזרים לאנשים עם מוגבלות",
        "summary": "שירות היברידי שבו אדם עם מוגבלות מקבל ייעוץ, בוחר עזרים מותאמים ומממש את הסבסוד במקום אחד.",
        "problem": "תהליך בחירה בירוקרטי של שירותים ועזרים",
        "target_population": "אנשים עם מוגבלות",
        "need_categories": ["citizen_services"],
        "maturity": "in_use",
        "evidence": "פותח בתמיכת קרן חדשנות ובהמשך בשותפות משרד הבריאות; משמש את המשרד במסגרת הסל הגמיש.",
        "languages": ["he"],
        "pipeline": "scale",
        "feedback": "המענה משמש את המשרד במסגרת הסל הגמיש.",
        "initiative": "סל גמיש לאנשים עם מוגבלות",
    },
    {
        "organization": "Howazit",
        "title": 'פיקוח מרחוק על מסלול השל"צ',
        "summary": 'מערכת שמחברת את שירות המבחן, בתי המשפט, המסגרות הקולטות ומבצעי השל"צ ואוספת נתונים אחידים.',
        "problem": 'בירוקרטיה ואיסוף נתונים ידני בפיקוח על מבצעי של"צ',
        "target_population": "עוברי חוק ואנשי שירות המבחן",
        "need_categories": ["division_methods"],
        "maturity": "in_use",
        "evidence": "פותחה עם צוות המשימה של שירות המבחן, בעקבות מסע הלקוח של עובר החוק.",
        "languages": ["he", "ar"],
        "pipeline": "scale",
        "feedback": "הועבר לשימוש שוטף בשירות המבחן.",
        "initiative": 'מערכת לשירות לתועלת הציבור (של"צ)',
        "broadcast": TENDER_TITLE,  # the challenge tender that brought Howazit in
    },
    {
        "organization": HILMA,
        "title": "i-risk – שאלון עצמי לזיהוי סיכון בזוגיות",
        "summary": "שאלון שכל אחד ממלא בלי להזדהות, מקבל משוב ומופנה למענה; זמין בחמש שפות.",
        "problem": "אוכלוסייה בסיכון לאלימות בזוגיות שאינה מאותרת",
        "target_population": "הציבור הרחב",
        "need_categories": ["citizen_services"],
        "maturity": "at_scale",
        "evidence": "פתוח לשימוש לכל דורש בחמש שפות; פותח בהתנדבות עם מומחי התוכן של המשרד.",
        "languages": ["he", "ar", "en", "ru", "am"],
        "pipeline": "scale",
        "feedback": "השאלון פתוח לכולם בחמש שפות; מתאים לבחינה כבסיס לכלים נוספים לבני נוער.",
        "initiative": "i-risk – זיהוי עצמי של סיכון לאלימות בזוגיות",
    },
]

# The demo partner's draft for the open broadcast: a prototype, so its learning plan is its evidence.
YOUTH_DRAFT = {
    "title": "הרחבת השירות לבני נוער",
    "summary": "גרסה של השירות לבני נוער ולמשפחותיהם.",
    "need_categories": ["citizen_services"],
    "maturity": "prototype",
    "languages": ["he", "ar"],
    "learning_plan": (
        "מה פיילוט צריך ללמד את שני הצדדים: האם בני נוער ממלאים את השאלון בעצמם ובשפתם, האם ההכוונה "
        "מביאה אותם לפנות למענה, ואיך נשמרת האנונימיות. אבני דרך: אב-טיפוס שנבדק עם קבוצת בני נוער "
        "ואנשי מקצוע; משוב ותיקונים; פיילוט בשתי רשויות שבסופו מחליטים יחד אם להמשיך."
    ),
}

# kind, title, date, organisations met, needs presented, outcome
SCOUTING = [
    (
        "fund_judging",
        "שיפוט בקרן חדשנות",
        D(2017, 3, 1),
        ["atvisor"],
        [],
        "הצוות, שישב בצוות השופטים, הכיר את atvisor; הקרן תמכה בפיתוח הראשוני.",
    ),
    (
        "incubator_visit",
        "ביקור באקסלרטור של ארגון איזי שפירא",
        D(2017, 10, 1),
        ["ארגון איזי שפירא"],
        [],
        "מיפוי חברות ויוזמות נוספות בתחום הנגישות לקראת כנס הספקים והפנייה לקבלת מידע.",
    ),
    (
        "vendor_conference",
        "כנס ספקים – בחירת שירותים ועזרים לאנשים עם מוגבלות",
        D(2017, 11, 1),
        ["atvisor"],
        [],
        "הצגת הצורך לספקים ומיפוי שחקנים נוספים בתחום, לצד פנייה לקבלת מידע (RFI).",
    ),
    (
        "hackathon",
        "האקתון BI",
        D(2017, 9, 1),
        [],
        [DATA_NEED],
        "בעלי תפקידים מכל יחידות המשרד ואורחים מעולם הדיגיטל עבדו על אתגרי הליבה של המשרד ועל דרכים "
        "להנגיש את הנתונים בהתאם; הקשר בין האגפים לאגף מערכות מידע התחזק.",
    ),
    (
        "hackathon",
        "דטאתון",
        D(2017, 12, 1),
        [],
        [DATA_NEED],
        "בעלי תפקידים מכל יחידות המשרד ואורחים מעולם הדיגיטל התנסו במודלים לכריית נתונים ובכלים "
        "מתקדמים לחיזוי מגמות, בשיטה של פיתוח מוכוון אדם.",
    ),
    (
        "network_meeting",
        "מפגש רשת המובילים הדיגיטליים",
        D(2018, 5, 1),
        [NATIONAL_DIGITAL_AGENCY],
        [],
        "חיבור המשרד לתוכניות של מערך הדיגיטל הלאומי.",
    ),
    (
        "challenge_tender",
        "מכרז אתגר בג'וינט",
        D(2018, 10, 1),
        ["Howazit"],
        [PROBATION_NEED],
        'היכרות עם Howazit לבחינת פתרון לפיקוח על השל"צ.',
    ),
    (
        "network_meeting",
        'פעילות משותפת עם הילמ"ה',
        D(2020, 5, 1),
        [HILMA],
        [],
        'בפעילות שבה השתתפו שני הצדדים הכיר הצוות את הילמ"ה, ומשם נולד הצוות המשותף של i-risk.',
    ),
]
# An earlier demo kept the hackathon and the datathon as one activity: it becomes the hackathon.
SCOUTING_RENAMED = {"האקתון BI ודטאתון": "האקתון BI"}

FLOWS = [
    (
        "to_digital",
        "needs",
        "צורכי המשרד כאתגרים פתוחים",
        "הצרכים עוברים לעולם הדיגיטל בקולות קוראים ובמכרזי אתגר.",
        "flowing",
        D(2021, 6, 1),
    ),
    (
        "to_digital",
        "data_rules",
        "כללי הגנת המידע בעולם הרווחה",
        "מה מותר ומה אסור בעבודה עם מידע על מטופלים.",
        "flowing",
        D(2021, 3, 1),
    ),
    (
        "to_digital",
        "procurement",
        "דרכי ההתקשרות עם המשרד",
        "מכרזים מותאמים, כנסי ספקים ופניות לקבלת מידע.",
        "flowing",
        D(2020, 11, 1),
    ),
    (
        "to_welfare",
        "practices",
        "תכנון מוכוון אדם ומסעות לקוח",
        "שיטות עבודה מעולם הדיגיטל שהמשרד אימץ.",
        "flowing",
        D(2021, 9, 1),
    ),
    (
        "to_welfare",
        "technologies",
        "כלי BI ולוחות בקרה",
        "טכנולוגיות לניהול מבוסס נתונים.",
        "flowing",
        D(2021, 5, 1),
    ),
    (
        "to_welfare",
        "services",
        "שירותים דיגיטליים קיימים לחברה",
        "שירותים של ארגונים שותפים שכבר פועלים ויכולים להתרחב דרך המשרד.",
        "flowing",
        D(2021, 10, 1),
    ),
]


FLOWS_RENAMED = {"כלי BI ולוחות מחוונים": "כלי BI ולוחות בקרה"}

# The active engagement (2024–): scouting in three kinds of channel, knowledge flowing both ways, one
# call published (for teenagers) and one still a draft. Needs are those of initiatives/demo.py.
REFERRAL_NEED = "מעבר ישיר ממילוי השאלון העצמי לגורם מטפל קרוב"
COMMUNITIES_NEED = "נוסחים ושפות שמתאימים לקהילות שאינן פונות היום לעזרה"
YOUTH_NEED = "כלים לזיהוי סיכון בקרב בני נוער"
DV_SCOUTING = [
    (
        "network_meeting",
        "מפגש עם מערך הדיגיטל הלאומי: שירותים ממשלתיים לציבור בסיכון",
        D(2024, 7, 10),
        [NATIONAL_DIGITAL_AGENCY],
        [REFERRAL_NEED],
        "הוצג הצורך במעבר ישיר מהשאלון לגורם מטפל; הוסכם לשתף את כללי הנגישות והשפה הפשוטה של אתרי הממשלה.",
    ),
    (
        "conference",
        "כנס חדשנות בשירותים חברתיים",
        D(2025, 3, 18),
        ["רשות החדשנות", "Howazit"],
        [],
        "שיחות היכרות עם נציגי רשות החדשנות ועם Howazit על מדידת משוב בלי מידע מזהה.",
    ),
    (
        "hackathon",
        'האקתון עם מתנדבי הילמ"ה: מהשאלון אל העזרה',
        D(2025, 5, 20),
        [HILMA],
        [REFERRAL_NEED],
        "נבנו שלושה אבי-טיפוס להפניה חמה; אחד מהם נבחר, וממנו נולד הצוות המשותף.",
    ),
    (
        "network_meeting",
        "מפגש באקסלרטור של ארגון איזי שפירא: נגישות של כלים עצמיים",
        D(2026, 2, 11),
        ["ארגון איזי שפירא"],
        [COMMUNITIES_NEED],
        "למדנו איך בודקים נגישות עם משתמשים עם מוגבלות; הוסכם שהאקסלרטור ילווה את התאמת הנוסחים.",
    ),
]
DV_FLOWS = [
    (
        "to_digital",
        "needs",
        "הצורך באיתור מוקדם ובהפניה חמה",
        "הצרכים עוברים לשותפים בהאקתון, בצוות המשותף ובקול הקורא לבני נוער.",
        "flowing",
        D(2026, 11, 22),
    ),
    (
        "to_digital",
        "data_rules",
        "כללי פרטיות לכלים אנונימיים",
        "מה מותר לשמור, אצל מי ולכמה זמן, כשממלאים שאלון בלי להזדהות.",
        "flowing",
        D(2026, 6, 1),
    ),
    (
        "to_welfare",
        "practices",
        "בדיקות נוסחים עם משתמשים",
        'שיטת העבודה של מתנדבי הילמ"ה לבדיקת נוסחים עם משתמשים, שהמטה לאלימות במשפחה מאמץ.',
        "flowing",
        D(2026, 9, 15),
    ),
    (
        "to_welfare",
        "services",
        "כלים קיימים לבני נוער",
        "שירותים של ארגונים שותפים שיכולים לענות על הקול הקורא לבני נוער.",
        "planned",
        None,
    ),
]
DV_DRAFT_CALL = {
    "title_he": "קול קורא: התאמת השאלון העצמי לקהילות ולשפות נוספות",
    "title_en": "Call: adapting the self-check to more communities and languages",
    "description_he": "מחפשים שותפים להתאמת ההסברים, הדוגמאות וההכוונה לעזרה לקהילות שאינן פונות היום לשירותים.",
    "description_en": "Partners to adapt the explanations, examples and guidance to help for communities that "
    "do not turn to services today.",
    "eligibility": "עמותות, חברות וחברות הזנק עם ניסיון בעבודה עם הקהילות ובנגישות.",
    "opens_on": D(2027, 1, 10),
    "closes_on": D(2027, 3, 10),
    "status": Broadcast.Status.DRAFT,
}


def _changed(record, data: dict) -> dict:
    return {field: value for field, value in data.items() if getattr(record, field) != value}


def _relationships(orgs, team):
    users = {u.username: u for u in User.objects.filter(username__in=[r[1] for r in RELATIONSHIPS.values()])}
    for name, (relevance, owner, first, last, approved) in RELATIONSHIPS.items():
        org = orgs[name]
        data = {
            "relevance": relevance,
            "relationship_owner": users[owner],
            "first_contact_on": first,
            "last_contact_on": last,
        }
        if approved and org.partner_status == PartnerStatus.NONE:
            data["partner_status"] = PartnerStatus.APPROVED
        changed = _changed(org, data)
        if changed:
            for field, value in changed.items():
                setattr(org, field, value)
            save_with_history(org, actor=team)


def _scouting(dw, orgs, team, activities=SCOUTING):
    for old, new in SCOUTING_RENAMED.items():
        activity = ScoutingActivity.objects.filter(engagement=dw, title=old).first()
        if activity and not ScoutingActivity.objects.filter(engagement=dw, title=new).exists():
            record_update(activity, actor=team, data={"title": new})
    for kind, title, on, met, presented, outcome in activities:
        data = {"kind": kind, "happened_on": on, "outcome": outcome}
        many = {
            "organizations": [orgs[n] for n in met],
            "needs": list(Need.objects.filter(engagement=dw, title__in=presented)),
        }
        activity = ScoutingActivity.objects.filter(engagement=dw, title=title).first()
        if activity is None:
            record_create(
                ScoutingActivity, actor=team, data={"engagement": dw, "title": title, **data}, many=many
            )
            continue
        many_changed = {f: v for f, v in many.items() if set(getattr(activity, f).all()) != set(v)}
        changed = _changed(activity, data)
        if changed or many_changed:
            record_update(activity, actor=team, data=changed, many=many_changed)


def _flows(dw, team, flows=FLOWS):
    for old, new in FLOWS_RENAMED.items():
        flow = KnowledgeFlow.objects.filter(engagement=dw, title=old).first()
        if flow and not KnowledgeFlow.objects.filter(engagement=dw, title=new).exists():
            record_update(flow, actor=team, data={"title": new})
    for direction, kind, title, description, status, last in flows:
        data = {
            "direction": direction,
            "kind": kind,
            "description": description,
            "status": status,
            "last_passed_on": last,
        }
        flow = KnowledgeFlow.objects.filter(engagement=dw, title=title).first()
        if flow is None:
            record_create(KnowledgeFlow, actor=team, data={"engagement": dw, "title": title, **data})
        elif _changed(flow, data):
            record_update(flow, actor=team, data=_changed(flow, data))


def _tender(dw, team):
    """The historical challenge tender at JDC for the probation community-service need (it found Howazit)."""
    probation = Need.objects.get(engagement=dw, title=PROBATION_NEED)
    data = {
        "engagement": dw,
        "title_he": TENDER_TITLE,
        "title_en": "Call (challenge tender): remote supervision of community-service orders",
        "description_he": 'מחפשים פתרון שמחבר את כל הגורמים במסלול השל"צ ומצמצם בירוקרטיה.',
        "description_en": "A solution connecting everyone in the community-service track, with less paperwork.",
        "opens_on": D(2018, 9, 1),
        "closes_on": D(2018, 10, 31),
        "status": Broadcast.Status.AWARDED,
    }
    tender = Broadcast.objects.filter(engagement=dw).order_by("pk").first()
    if tender is None:
        return services.broadcast_save(
            actor=team,
            needs=[probation],
            criteria=[
                {"name": "התאמה לתהליכי שירות המבחן", "weight": 40},
                {"name": "בשלות המוצר", "weight": 30},
                {"name": "אבטחת מידע", "weight": 30},
            ],
            data=data,
        )
    changed = _changed(tender, data)
    wrong_needs = list(tender.needs.all()) != [probation]
    if changed or wrong_needs:  # an earlier demo linked it to another need of the same category
        tender = services.broadcast_save(
            actor=team, broadcast=tender, data=changed, needs=[probation] if wrong_needs else None
        )
    return tender


def _open_broadcast(active, team):
    youth = Need.objects.filter(engagement=active, title=YOUTH_NEED).first() or record_create(
        Need,
        actor=team,
        data={
            "engagement": active,
            "title": YOUTH_NEED,
            "description": "שאלון עצמי לבני נוער, בשפתם ובערוצים שבהם הם נמצאים.",
            "source": "management",
            "category": "citizen_services",
            "content_world": "self_service",
            "status": Need.Status.BROADCAST,
        },
    )
    wording = {
        "title_he": "קול קורא: זיהוי עצמי של סיכון בקרב בני נוער",
        "title_en": "Call: self-identification of risk among teenagers",
        "description_he": "מחפשים כלי דיגיטלי אנונימי שבני נוער ימלאו בעצמם ויופנו למענה מתאים.",
        "description_en": "An anonymous digital tool teenagers fill in themselves, guiding them to the right help.",
        "eligibility": "חברות הזנק, חברות ועמותות; פתרון שעומד בכללי הגנת הפרטיות.",
    }
    broadcast = (
        Broadcast.objects.filter(engagement=active, title_he=wording["title_he"]).first()
        or Broadcast.objects.filter(engagement=active).exclude(title_he=DV_DRAFT_CALL["title_he"]).first()
    )
    if broadcast is None:
        today = timezone.localdate()
        services.broadcast_save(
            actor=team,
            needs=[youth],
            criteria=[
                {"name": "התאמה לבני נוער ולשפתם", "weight": 40},
                {"name": "פרטיות ואנונימיות", "weight": 35},
                {"name": "הוכחת שימוש", "weight": 25},
            ],
            data={
                "engagement": active,
                **wording,
                "opens_on": today - timedelta(days=10),
                "closes_on": today + timedelta(days=50),
                "status": Broadcast.Status.OPEN,
            },
        )
    elif _changed(broadcast, wording):
        services.broadcast_save(actor=team, broadcast=broadcast, data=_changed(broadcast, wording))


def _draft_call(active, team):
    """A second call, for the communities' need, still being written: not yet published."""
    need = Need.objects.get(engagement=active, title=COMMUNITIES_NEED)
    call = Broadcast.objects.filter(engagement=active, title_he=DV_DRAFT_CALL["title_he"]).first()
    if call is None:
        services.broadcast_save(
            actor=team,
            needs=[need],
            criteria=[
                {"name": "ניסיון בעבודה עם הקהילות", "weight": 40},
                {"name": "נגישות ושפה פשוטה", "weight": 30},
                {"name": "פרטיות ואנונימיות", "weight": 30},
            ],
            data={"engagement": active, **DV_DRAFT_CALL},
        )
    elif _changed(call, DV_DRAFT_CALL):
        services.broadcast_save(actor=team, broadcast=call, data=_changed(call, DV_DRAFT_CALL))


def _profile(spec, orgs, partner, team, dw):
    """A partner organisation's profile, submitted, in the team's pipeline and joined to its initiative."""
    org = orgs[spec["organization"]]
    opportunity = Opportunity.objects.filter(organization=org, title=spec["title"]).first()
    if opportunity is None:
        author = partner if partner.organization_id == org.pk else None
        fields = {
            k: v
            for k, v in spec.items()
            if k not in ("organization", "pipeline", "feedback", "initiative", "broadcast")
        }
        broadcast = Broadcast.objects.filter(engagement=dw, title_he=spec.get("broadcast", "")).first()
        opportunity = services.save_with_history(
            Opportunity(
                organization=org,
                created_by=author,
                broadcast=broadcast,
                personal_data=True,
                hosting="ישראל",
                privacy_assessment_done=True,
                contact_name=org.contact_name,
                **fields,
            ),
            actor=author,
        )
        services.opportunity_submit(opportunity=opportunity, actor=author or team)
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    if (opportunity.pipeline, opportunity.feedback) != (spec["pipeline"], spec["feedback"]):
        services.opportunity_set_pipeline(
            opportunity=opportunity, actor=team, pipeline=spec["pipeline"], feedback=spec["feedback"]
        )
    initiative = Initiative.objects.get(engagement=dw, title=spec["initiative"])
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    if opportunity.initiative_id != initiative.pk:  # this is how the engagement's funnel counts it
        services.opportunity_to_initiative(opportunity=opportunity, actor=team, initiative=initiative)
    return opportunity, initiative


def load_opportunities_demo():
    team = User.objects.get(username="team")
    orgs = {org.name: org for org in Organization.objects.all()}
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)

    _relationships(orgs, team)
    _scouting(dw, orgs, team)
    _flows(dw, team)
    _tender(dw, team)
    _open_broadcast(active, team)
    _scouting(active, orgs, team, DV_SCOUTING)
    _flows(active, team, DV_FLOWS)
    _draft_call(active, team)

    partner = User.objects.get(username="partner")
    joined = [_profile(spec, orgs, partner, team, dw) for spec in PROFILES]
    for opportunity in Opportunity.objects.filter(matches__isnull=True, revision__gt=0).distinct():
        services.opportunity_match(opportunity=opportunity)
    # The team confirmed each profile's match to the initiative it joined (matching keeps confirmed matches).
    for opportunity, initiative in joined:
        match = (
            Match.objects.filter(opportunity=opportunity, initiative=initiative).order_by("-revision").first()
        )
        if match is not None and match.confirmed_at is None:
            services.match_confirm(match=match, actor=team)

    # The demo partner also has a draft that answers the open broadcast.
    open_broadcast = Broadcast.objects.open_to_partners().first()
    draft = Opportunity.objects.filter(organization=partner.organization, revision=0).first()
    if draft is None:
        services.opportunity_create(actor=partner, data={**YOUTH_DRAFT, "broadcast": open_broadcast})
    elif draft.learning_plan != YOUTH_DRAFT["learning_plan"]:
        services.opportunity_update(
            opportunity=draft, actor=partner, data={"learning_plan": YOUTH_DRAFT["learning_plan"]}
        )
