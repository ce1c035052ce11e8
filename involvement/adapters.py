import ipaddress
from functools import lru_cache

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied


@lru_cache(maxsize=8)
def _networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the person making the request, for rate limits.

    X-Forwarded-For is anyone's to write, so it is believed only when the
    request comes from a proxy listed in settings.INVOLVE_TRUSTED_PROXIES, and
    only as far back as the chain of listed proxies goes: reading the header
    from the right, the first address that is not one of our proxies is the
    client. With no proxies listed the header is ignored.
    """
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    trusted = _networks(tuple(settings.INVOLVE_TRUSTED_PROXIES))
    client = remote
    if any(client in network for network in trusted):
        hops = request.headers.get("X-Forwarded-For", "").split(",")
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break  # not written by one of our proxies: stop at the last one that was
            client = address
            if not any(client in network for network in trusted):
                break
    return str(client)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return getattr(settings, "INVOLVE_OPEN_SIGNUP", True)

    def get_client_ip(self, request) -> str:
        """allauth's per-IP rate limits (web login and the API token endpoint
        alike) key on this address."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def send_mail(self, template_prefix, email, context):
        """Account emails sign off with the service's name and address
        (templates/account/email), not the host the request came to."""
        from .links import site_address

        context = {
            **context,
            "site_name": getattr(settings, "SITE_NAME", "Involve"),
            "site_url": site_address(),
        }
        return super().send_mail(template_prefix, email, context)
