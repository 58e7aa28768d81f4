"""Examples of the partner API's contract, for the OpenAPI document (what partners code against).

Each partner operation has a request example (when it takes a body), a response example and an
error example, all in English with ASCII identifiers. Error examples have the one error shape of
``api_human.core.api.errors``; the values are those the server really sends (the messages in
English, as with ``Accept-Language: en``).
"""

from drf_spectacular.utils import OpenApiExample

from api_human.core.api.errors import error_body

# ------------------------------------------------------------------------------------------------
# Building blocks
# ------------------------------------------------------------------------------------------------
INVALID = "Some of the data sent is not valid; see the fields."


# Each example has an identifier (its key in the document: ASCII, CamelCase) and a summary for people.
def response(name: str, summary: str, value, status: int = 200, **kwargs) -> OpenApiExample:
    return OpenApiExample(
        name, summary=summary, value=value, response_only=True, status_codes=[str(status)], **kwargs
    )


def request(name: str, summary: str, value, **kwargs) -> OpenApiExample:
    return OpenApiExample(name, summary=summary, value=value, request_only=True, **kwargs)


def invalid(name: str, summary: str, *rejections: tuple[str, str, str]) -> OpenApiExample:
    """A 400 naming fields: ``rejections`` are (field, code, message)."""
    fields: dict[str, list[str]] = {}
    for field, _code, message in rejections:
        fields.setdefault(field, []).append(message)
    return response(
        name,
        summary,
        error_body(
            status_code=400,
            code="invalid",
            message=INVALID,
            fields=fields,
            errors=[{"field": f, "code": c, "message": m} for f, c, m in rejections],
        ),
        status=400,
    )


def error(name: str, summary: str, status: int, code: str, message: str) -> OpenApiExample:
    return response(name, summary, error_body(status_code=status, code=code, message=message), status=status)


NOT_FOUND = error("NotFound", "Not yours, or no such record", 404, "not_found", "Not found.")

# ------------------------------------------------------------------------------------------------
# Registration
# ------------------------------------------------------------------------------------------------
EXAMPLE_STATUS_TOKEN = "MTI:1tKpXz:4b7pQJf0yVd6mX8a3c2QeTnS1rUu9wZk5oLh0gAiBcD"  # noqa: S105 - an example
REGISTER_REQUEST = request(
    "RegisterRequest",
    "Registration",
    {
        "name": "Example Care Ltd",
        "kind": "startup",
        "website": "https://example.com",
        "description": "Remote services for older people",
        "contact_name": "Dan Levi",
        "contact_email": "dan@example.com",
    },
)
REGISTER_RESPONSE = response(
    "Registered",
    "Registered, waiting for approval",
    {
        "organization": 12,
        "partner_status": "pending",
        "status_token": EXAMPLE_STATUS_TOKEN,
        "status_url": f"/api/v1/partner/registration/{EXAMPLE_STATUS_TOKEN}/",
    },
    status=201,
)
REGISTER_INVALID = invalid(
    "InvisibleCharacters",
    "A name with invisible characters",
    (
        "name",
        "invisible_characters",
        "Remove the invisible characters from this name (U+200B): zero-width and text-direction "
        "characters are not accepted.",
    ),
    ("contact_email", "invalid", "Enter a valid email address."),
)
REGISTRATION_STATUS_RESPONSES = [
    response(
        "Pending",
        "Waiting for the team",
        {"partner_status": "pending", "registered_at": "2025-03-02T09:15:00+02:00", "decided_at": None},
    ),
    response(
        "Approved",
        "Approved",
        {
            "partner_status": "approved",
            "registered_at": "2025-03-02T09:15:00+02:00",
            "decided_at": "2025-03-04T11:40:00+02:00",
        },
    ),
]
REGISTRATION_NOT_FOUND = error("UnknownToken", "An unknown or altered token", 404, "not_found", "Not found.")

# ------------------------------------------------------------------------------------------------
# Broadcasts
# ------------------------------------------------------------------------------------------------
BROADCAST = {
    "id": 3,
    "title_he": "Loneliness of older people at home",
    "title_en": "Loneliness of older people at home",
    "description_he": "Ways to connect older people at home with services and family.",
    "description_en": "Ways to connect older people at home with services and family.",
    "eligibility": "Products in use (TRL 8 or more)",
    "opens_on": "2025-03-01",
    "closes_on": "2025-04-30",
    "criteria": [{"name": "Fit to the need", "weight": 60}, {"name": "Privacy", "weight": 40}],
}
BROADCAST_RESPONSE = response("OpenBroadcast", "An open broadcast", BROADCAST)
BAD_CURSOR = invalid(
    "InvalidCursor",
    "A tampered cursor",
    (
        "cursor",
        "invalid_cursor",
        "The cursor is not valid: use the next or previous link of a page as it was given.",
    ),
)

# ------------------------------------------------------------------------------------------------
# Opportunity profiles
# ------------------------------------------------------------------------------------------------
PROFILE_FIELDS = {
    "title": "Remote community services for older people",
    "summary": "Connects older people at home with day centres, services and family by video.",
    "problem": "Loneliness of older people who cannot reach the day centre",
    "target_population": "older people living at home",
    "need_categories": ["citizen_services"],
    "broadcast": 3,
    "maturity": "in_use",
    "evidence": "Used by 1,200 households in 4 municipalities",
    "learning_plan": "Three months in two day centres: do older people join remotely, and do visits drop?",
    "languages": ["he", "ar", "ru"],
    "accessibility": "Large buttons; works with a screen reader",
    "personal_data": True,
    "hosting": "Israel",
    "certifications": "ISO 27001",
    "privacy_assessment_done": True,
    "pricing_model": "Per household per month",
    "contact_name": "Dan Levi",
    "contact_email": "dan@example.com",
}
ATTACHMENT = {
    "id": 31,
    "original_name": "deck.pdf",
    "content_type": "application/pdf",
    "size": 482113,
    "uploaded_at": "2025-03-05T10:02:11+02:00",
    "submitted_in": 1,
    "url": "/api/v1/partner/opportunities/17/attachments/31/",
}
PROFILE = {
    "id": 17,
    **PROFILE_FIELDS,
    "trl": 8,
    "state": "submitted",
    "revision": 1,
    "pipeline": "screening",
    "feedback": "Let's meet next week",
    "decline_reason": "",
    "created_at": "2025-03-05T09:58:40+02:00",
    "updated_at": "2025-03-07T14:20:03+02:00",
    "submitted_at": "2025-03-05T10:05:00+02:00",
    "attachments": [ATTACHMENT],
}
DRAFT = {
    **PROFILE,
    "state": "draft",
    "revision": 0,
    "pipeline": "received",
    "feedback": "",
    "submitted_at": None,
    "updated_at": "2025-03-05T09:58:40+02:00",
    "attachments": [],
}
REVISED = {**PROFILE, "state": "draft", "attachments": [ATTACHMENT]}

PROFILE_REQUEST = request("ProfileRequest", "A remote-services venture", PROFILE_FIELDS)
PATCH_REQUEST = request(
    "PatchRequest",
    "Change the summary and the categories",
    {"summary": "Older people join the day centre from home", "need_categories": ["citizen_services"]},
)
PROFILE_RESPONSE = response("SubmittedProfile", "A submitted profile with the team's feedback", PROFILE)
DECLINED_RESPONSE = response(
    "DeclinedProfile",
    "A declined profile, with the reason",
    {
        **PROFILE,
        "pipeline": "declined",
        "feedback": "Thank you for the clear presentation.",
        "decline_reason": "The ministry already runs a similar service in these municipalities.",
    },
)
DRAFT_CREATED = response("NewDraft", "A new draft", DRAFT, status=201)
DRAFT_RESPONSE = response(
    "ChangedDraft", "The draft after the change", {**DRAFT, "summary": PATCH_REQUEST.value["summary"]}
)
PROFILE_INVALID = invalid(
    "TeamOnlyAndUnknownFields",
    "Team-only and unknown fields",
    ("pipeline", "read_only", "Partners may not set this field."),
    ("colour", "unknown_field", "This field is not part of the API; remove it."),
)
NOT_A_DRAFT = invalid(
    "NotADraft",
    "A submitted profile is not edited in place",
    ("state", "not_draft", "A submitted profile is not edited in place: revise it to open a new draft."),
)
SUBMITTED_RESPONSE = response(
    "Submitted",
    "Submitted: revision 1",
    {**PROFILE, "pipeline": "received", "feedback": "", "updated_at": PROFILE["submitted_at"]},
)
SUBMIT_INCOMPLETE = invalid(
    "Incomplete",
    "Not ready to submit",
    ("summary", "incomplete", "Before submitting, write a summary and choose need categories."),
)
REVISED_RESPONSE = response("Revised", "A new draft of revision 1", REVISED)
REVISE_INVALID = invalid(
    "NotSubmitted",
    "Only a submitted profile can be revised",
    ("state", "not_submitted", "Only a submitted profile can be revised."),
)
BAD_FILTER = invalid(
    "InvalidFilter",
    "A filter that is not a date and time",
    ("updated_since", "invalid", "Enter a valid date/time."),
)
UPLOAD_REQUEST = request(
    "UploadRequest", "A PDF", {"file": "(the file's bytes)"}, media_type="multipart/form-data"
)
UPLOADED = response(
    "Uploaded",
    "A PDF sent as deck.html is kept as deck.pdf",
    {**ATTACHMENT, "submitted_in": None},
    status=201,
)
UPLOAD_REFUSED = invalid(
    "UnsupportedType",
    "Not a PDF, PNG or JPEG",
    ("file", "unsupported_type", "Only PDF, PNG and JPEG files are accepted (checked by their content)."),
)
DOWNLOADED = response(
    "File",
    'The file (Content-Disposition: attachment; filename="deck.pdf")',
    "%PDF-1.7 ... (the file's bytes)",
    media_type="application/pdf",
)

# ------------------------------------------------------------------------------------------------
# Keys
# ------------------------------------------------------------------------------------------------
ROTATED = response(
    "Rotated",
    "A new key; the old one works until previous_key_expires_at",
    {
        "prefix": "Xk3pQ9aB",
        "key": "Xk3pQ9aB.p2S0vFhUo4tYl8rJ1cN6mE3wQz7dKaGi",
        "previous_key_expires_at": "2025-03-08T14:20:03+02:00",
    },
    status=201,
)
ROTATE_WITHOUT_KEY = error(
    "ApiKeyRequired",
    "Called without an API key (e.g. from a browser session)",
    400,
    "api_key_required",
    "Call this with the API key to rotate, in the header Authorization: Api-Key <key>.",
)
ROTATE_TWICE = invalid(
    "AlreadyRotated",
    "A key rotates once",
    ("key", "rotated", "This key has already been rotated or revoked."),
)
