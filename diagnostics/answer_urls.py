from django.urls import path

from diagnostics import answer_views as views
from diagnostics import short_codes, thanks

app_name = "answers"

urlpatterns = [
    # Before <token>/: « code » is never a join token (those are key.signature).
    path("code/", short_codes.join_by_code, name="by_code"),
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/theme/<int:number>/", views.theme, name="theme"),
    path("<str:token>/recapitulatif/", views.review, name="review"),
    path("<str:token>/merci/", thanks.thanks, name="thanks"),
    path("<str:token>/merci/envoyer-le-lien/", thanks.send_link, name="send_link"),
    path("<str:token>/mes-reponses/", views.my_answers, name="mine"),
    path("<str:token>/oublier/", views.forget, name="forget"),
]
