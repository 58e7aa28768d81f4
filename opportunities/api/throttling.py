from api_human.core.api.throttling import PartnerThrottle

# The partner endpoints' throttle: per organisation, whichever key or browser session it uses.
PartnerKeyThrottle = PartnerThrottle

__all__ = ["PartnerKeyThrottle", "PartnerThrottle"]
