from django.utils import translation


class UserLanguageMiddleware:
    """Signed-in people see the language saved on their account, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.sprache:
            translation.activate(user.sprache)
            request.LANGUAGE_CODE = user.sprache
        return self.get_response(request)
