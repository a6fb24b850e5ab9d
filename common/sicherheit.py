"""The Content-Security-Policy middleware (the policy itself is in config/settings.py)."""

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware as _CSPMiddleware
from rest_framework.renderers import BrowsableAPIRenderer


class CSPMiddleware(_CSPMiddleware):
    """django-csp's middleware, with one exception: the pages of DRF's browsable API may
    carry inline styles. Its templates (rest_framework/base.html) place buttons with style
    attributes and highlight code in a <style> block; they are the library's, and a copy of
    them would drift from it. Scripts stay as strict there as everywhere: the page has no
    inline script, and the data it shows is escaped, so an inline style can neither run code
    nor read anything."""

    def get_policy_parts(self, request, response, report_only=False):
        teile = super().get_policy_parts(request, response, report_only)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            teile.update = {**(teile.update or {}), "style-src": [UNSAFE_INLINE]}
        return teile
