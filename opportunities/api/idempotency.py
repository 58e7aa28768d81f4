"""``Idempotency-Key``: a partner's repeated POST (after a time-out, say) gets the first answer again."""

import functools

from django.db import IntegrityError, transaction
from rest_framework.response import Response

from api_human.core.models import PartnerKey

from ..models import IdempotentRequest

HEADER = "HTTP_IDEMPOTENCY_KEY"


def idempotent(handler):
    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        idem = request.META.get(HEADER, "").strip()[:100]
        if not idem or not isinstance(request.auth, PartnerKey):
            return handler(self, request, *args, **kwargs)
        stored = IdempotentRequest.objects.filter(
            key_prefix=request.auth.prefix, idempotency_key=idem
        ).first()
        if stored is not None:
            response = Response(stored.body, status=stored.status_code)
            response["Idempotent-Replayed"] = "true"
            return response
        response = handler(self, request, *args, **kwargs)
        if response.status_code < 500:
            try:
                with transaction.atomic():
                    IdempotentRequest.objects.create(
                        key_prefix=request.auth.prefix,
                        idempotency_key=idem,
                        path=request.path,
                        status_code=response.status_code,
                        body=response.data,
                    )
            except IntegrityError:
                pass  # a concurrent twin stored it first; both answers are the same request's
        return response

    return wrapper
