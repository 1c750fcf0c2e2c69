from django.urls import translate_url


def portal(request):
    """Links to the current page in every language, for the language switcher."""
    path = request.get_full_path()
    return {
        "language_links": {code: translate_url(path, code) for code in ("da", "en")},
    }
