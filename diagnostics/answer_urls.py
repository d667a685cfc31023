from django.urls import path

from diagnostics import answer_views as views

app_name = "answers"

urlpatterns = [
    path("<str:token>/", views.start, name="start"),
    path("<str:token>/theme/<int:number>/", views.theme, name="theme"),
    path("<str:token>/recapitulatif/", views.review, name="review"),
    path("<str:token>/merci/", views.thanks, name="thanks"),
    path("<str:token>/mes-reponses/", views.my_answers, name="mine"),
    path("<str:token>/oublier/", views.forget, name="forget"),
]
