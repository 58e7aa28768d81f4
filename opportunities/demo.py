"""Demo data of stage B2: the source's ventures and their profiles, broadcasts, scouting and knowledge flows.

Idempotent: what exists (by title) is left as it is.
"""

from datetime import date, timedelta

from django.utils import timezone

from api_human.core.demo import DIGITAL_WELFARE, DOMESTIC_VIOLENCE
from api_human.core.models import Engagement, Organization, PartnerStatus, User
from api_human.core.services import record_create, save_with_history
from initiatives.models import Need

from . import services
from .models import Broadcast, KnowledgeFlow, Opportunity, ScoutingActivity

D = date

PROFILES = [
    # organisation, title, summary, problem, population, categories, maturity, languages, pipeline, feedback
    (
        "Uniper",
        "שירותי קהילה מרחוק לאזרחים ותיקים",
        "מערכת שמחברת אזרחים ותיקים מביתם למרכזי היום, לשירותי הקהילה ולמשפחה, דרך הטלוויזיה שבבית.",
        "בדידות של אזרחים ותיקים שאינם מגיעים למרכז היום",
        "אזרחים ותיקים בבית",
        ["citizen_services"],
        "at_scale",
        ["he", "ar", "ru"],
        "scale",
        "השירות פועל בבתיהם של אלפי אזרחים ותיקים; נשמח לדבר על הרחבה לרשויות נוספות.",
    ),
    (
        "atvisor",
        "בחירת עזרים לאנשים עם מוגבלות",
        "שירות היברידי שבו אדם עם מוגבלות מקבל ייעוץ, בוחר עזרים מותאמים ומממש את הסבסוד במקום אחד.",
        "תהליך בחירה בירוקרטי של שירותים ועזרים",
        "אנשים עם מוגבלות",
        ["citizen_services"],
        "in_use",
        ["he"],
        "scale",
        "המענה משמש את המשרד במסגרת הסל הגמיש.",
    ),
    (
        "Howazit",
        'פיקוח מרחוק על מסלול השל"צ',
        'מערכת שמחברת את שירות המבחן, בתי המשפט, המסגרות הקולטות ומבצעי השל"צ ואוספת נתונים אחידים.',
        'בירוקרטיה ואיסוף נתונים ידני בפיקוח על מבצעי של"צ',
        "עוברי חוק ואנשי שירות המבחן",
        ["division_methods"],
        "in_use",
        ["he", "ar"],
        "scale",
        "הועבר לשימוש שוטף בשירות המבחן.",
    ),
    (
        'הילמ"ה – הייטק למען החברה',
        "i-risk – שאלון עצמי לזיהוי סיכון בזוגיות",
        "שאלון שכל אחד ממלא בלי להזדהות, מקבל משוב ומופנה למענה; זמין בחמש שפות.",
        "אוכלוסייה בסיכון לאלימות בזוגיות שאינה מאותרת",
        "הציבור הרחב",
        ["citizen_services"],
        "at_scale",
        ["he", "ar", "en", "ru", "am"],
        "pilot",
        "מתאים לבחינה כבסיס לכלים נוספים לבני נוער.",
    ),
]

SCOUTING = [
    (
        "fund_judging",
        "שיפוט בקרן חדשנות",
        D(2017, 3, 1),
        ["atvisor"],
        "היכרות עם atvisor ותמיכה בפיתוח ראשוני.",
    ),
    (
        "incubator_visit",
        "ביקור באקסלרטור של ארגון איזי שפירא",
        D(2017, 2, 1),
        ["ארגון איזי שפירא", "atvisor"],
        "מיפוי מיזמי נגישות שעשויים לענות לצורכי המשרד.",
    ),
    (
        "challenge_tender",
        "מכרז אתגר בג'וינט",
        D(2018, 10, 1),
        ["Howazit"],
        'היכרות עם Howazit לבחינת פתרון לפיקוח על השל"צ.',
    ),
    (
        "hackathon",
        "האקתון BI ודטאתון",
        D(2017, 9, 1),
        ["Deloitte"],
        "אורחים מעולם הדיגיטל לצד כל יחידות המשרד.",
    ),
    (
        "network_meeting",
        "מפגש רשת המובילים הדיגיטליים",
        D(2018, 5, 1),
        ["מערך הדיגיטל הלאומי"],
        "חיבור המשרד לתוכניות של מערך הדיגיטל הלאומי.",
    ),
]

FLOWS = [
    (
        "to_digital",
        "needs",
        "צורכי המשרד כאתגרים פתוחים",
        "הצרכים עוברים לעולם הדיגיטל כהזרמות ומכרזי אתגר.",
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
        "כלי BI ולוחות מחוונים",
        "טכנולוגיות לניהול מבוסס נתונים.",
        "flowing",
        D(2021, 5, 1),
    ),
    (
        "to_welfare",
        "services",
        "שירותים דיגיטליים קיימים לחברה",
        "מיזמים שכבר פועלים ויכולים להתרחב דרך המשרד.",
        "flowing",
        D(2021, 10, 1),
    ),
]


def load_opportunities_demo():
    team = User.objects.get(username="team")
    orgs = {org.name: org for org in Organization.objects.all()}
    dw = Engagement.objects.get(name=DIGITAL_WELFARE)
    active = Engagement.objects.get(name=DOMESTIC_VIOLENCE)

    for name, categories in (
        ("Uniper", ["citizen_services"]),
        ("atvisor", ["citizen_services"]),
        ("Howazit", ["division_methods"]),
        ('הילמ"ה – הייטק למען החברה', ["citizen_services"]),
    ):
        org = orgs[name]
        if org.partner_status == PartnerStatus.NONE:
            org.partner_status = PartnerStatus.APPROVED
            org.relevance, org.relationship_owner = categories, team
            org.first_contact_on, org.last_contact_on = D(2016, 11, 1), D(2021, 12, 1)
            save_with_history(org, actor=team)

    for kind, title, on, met, outcome in SCOUTING:
        if not ScoutingActivity.objects.filter(engagement=dw, title=title).exists():
            record_create(
                ScoutingActivity,
                actor=team,
                data={"engagement": dw, "kind": kind, "title": title, "happened_on": on, "outcome": outcome},
                many={"organizations": [orgs[n] for n in met]},
            )
    for direction, kind, title, description, status, last in FLOWS:
        if not KnowledgeFlow.objects.filter(engagement=dw, title=title).exists():
            record_create(
                KnowledgeFlow,
                actor=team,
                data={
                    "engagement": dw,
                    "direction": direction,
                    "kind": kind,
                    "title": title,
                    "description": description,
                    "status": status,
                    "last_passed_on": last,
                },
            )

    # A historical broadcast (the challenge tender that found Howazit) and an open one for the active engagement.
    probation = Need.objects.filter(engagement=dw, category="division_methods").first()
    if probation and not Broadcast.objects.filter(engagement=dw).exists():
        services.broadcast_save(
            actor=team,
            needs=[probation],
            criteria=[
                {"name": "התאמה לתהליכי שירות המבחן", "weight": 40},
                {"name": "בשלות המוצר", "weight": 30},
                {"name": "אבטחת מידע", "weight": 30},
            ],
            data={
                "engagement": dw,
                "title_he": 'מכרז אתגר: פיקוח מרחוק על מסלול השל"צ',
                "title_en": "Challenge: remote supervision of community-service orders",
                "description_he": 'מחפשים פתרון שמחבר את כל הגורמים במסלול השל"צ ומצמצם בירוקרטיה.',
                "description_en": "A solution connecting everyone in the community-service track, with less paperwork.",
                "opens_on": D(2018, 9, 1),
                "closes_on": D(2018, 10, 31),
                "status": Broadcast.Status.AWARDED,
            },
        )
    youth = Need.objects.filter(
        engagement=active, title="כלים לזיהוי סיכון בקרב בני נוער"
    ).first() or record_create(
        Need,
        actor=team,
        data={
            "engagement": active,
            "title": "כלים לזיהוי סיכון בקרב בני נוער",
            "description": "שאלון עצמי לבני נוער, בשפתם ובערוצים שבהם הם נמצאים.",
            "source": "management",
            "category": "citizen_services",
            "content_world": "self_service",
            "status": Need.Status.BROADCAST,
        },
    )
    if not Broadcast.objects.filter(engagement=active).exists():
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
                "title_he": "אתגר: זיהוי עצמי של סיכון בקרב בני נוער",
                "title_en": "Challenge: self-identification of risk among teenagers",
                "description_he": "מחפשים כלי דיגיטלי אנונימי שבני נוער ימלאו בעצמם ויופנו למענה מתאים.",
                "description_en": "An anonymous digital tool teenagers fill in themselves, guiding them to the right help.",
                "eligibility": "מיזמים, חברות ועמותות; פתרון שעומד בכללי הגנת הפרטיות.",
                "opens_on": today - timedelta(days=10),
                "closes_on": today + timedelta(days=50),
                "status": Broadcast.Status.OPEN,
            },
        )

    partner = User.objects.get(username="partner")
    for (
        org_name,
        title,
        summary,
        problem,
        population,
        categories,
        maturity,
        languages,
        pipeline,
        feedback,
    ) in PROFILES:
        org = orgs[org_name]
        if Opportunity.objects.filter(organization=org, title=title).exists():
            continue
        author = partner if partner.organization_id == org.pk else None
        opportunity = services.save_with_history(
            Opportunity(
                organization=org,
                created_by=author,
                title=title,
                summary=summary,
                problem=problem,
                target_population=population,
                need_categories=categories,
                maturity=maturity,
                languages=languages,
                personal_data=True,
                hosting="ישראל",
                privacy_assessment_done=True,
                contact_name=org.contact_name,
            ),
            actor=author,
        )
        services.opportunity_submit(opportunity=opportunity, actor=author or team)
        services.opportunity_set_pipeline(
            opportunity=Opportunity.objects.get(pk=opportunity.pk),
            actor=team,
            pipeline=pipeline,
            feedback=feedback,
        )
    for opportunity in Opportunity.objects.filter(matches__isnull=True, revision__gt=0).distinct():
        services.opportunity_match(opportunity=opportunity)
    # The demo partner also has a draft that answers the open broadcast.
    open_broadcast = Broadcast.objects.open_to_partners().first()
    if not Opportunity.objects.filter(organization=partner.organization, revision=0).exists():
        services.opportunity_create(
            actor=partner,
            data={
                "title": "הרחבת השירות לבני נוער",
                "summary": "גרסה של השירות לבני נוער ולמשפחותיהם.",
                "need_categories": ["citizen_services"],
                "broadcast": open_broadcast,
                "maturity": "prototype",
                "languages": ["he", "ar"],
            },
        )
