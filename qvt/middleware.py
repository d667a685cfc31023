"""Headers Django's SecurityMiddleware does not set."""

from whitenoise.middleware import WhiteNoiseFileResponse

# The site uses none of these browser features: nothing it embeds may ask for them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeadersMiddleware:
    """Every page or file the application computes (answer pages, results, PDF, CSV, the
    personal export, and every other view: a rule per view would one day miss one) is
    `private, no-store`: no shared cache, proxy or browser history keeps a copy on a shared
    device. WhiteNoise's static files (the same for everybody, hashed names) keep their own
    long cache. Placed before WhiteNoise so its responses get the other two headers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not isinstance(response, WhiteNoiseFileResponse) and "no-store" not in (
            response.headers.get("Cache-Control", "")
        ):
            # Replaces whatever a view set (public, max-age…): no-store must win.
            response.headers["Cache-Control"] = "private, no-store"
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
