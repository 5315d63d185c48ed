"""allauth's account pages where the portal's rule needs more than allauth's adapter and form hooks."""

from allauth.account.views import EmailView
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .forms import ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS
from .services import user_email_vouch


class PortalEmailView(EmailView):
    """The addresses, read-only: adding is refused by the form, removing by the adapter, and here making
    another address primary (allauth has no hook for it). Re-sending a confirmation stays possible."""

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # allauth records the account's email here as an *unverified* address when it has none, which
        # would then block two-factor set-up. That email was set by an administrator: record it vouched.
        user = request.user
        if user.is_authenticated and user.email and not user.emailaddress_set.filter(email__iexact=user.email).exists():
            user_email_vouch(user=user)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if "action_primary" in request.POST:
            messages.error(request, ERROR_EMAIL_MANAGED_BY_ADMINISTRATORS)
            return redirect("account_email")
        return super().post(request, *args, **kwargs)


email = PortalEmailView.as_view()
