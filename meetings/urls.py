from django.urls import include, path

from .views import (
    agenda,
    board_calendar,
    briefings,
    calendar,
    debriefs,
    invitations,
    meetings,
    papers,
    venues,
)

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/mine/", meetings.my_meetings, name="my-meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/groups/<int:pk>/", meetings.group_meetings, name="group-meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    # Venues
    path("meetings/venues/", venues.venue_list, name="venue-list"),
    path("meetings/venues/new/", venues.venue_create, name="venue-create"),
    path("meetings/venues/<int:pk>/edit/", venues.venue_edit, name="venue-edit"),
    # Agenda
    path("meetings/<int:pk>/agenda/", agenda.meeting_agenda, name="meeting-agenda"),
    path(
        "meetings/<int:pk>/agenda/standing-items/",
        agenda.agenda_standing,
        name="meeting-agenda-standing",
    ),
    path("meetings/<int:pk>/agenda.pdf", agenda.meeting_agenda_pdf, name="meeting-agenda-pdf"),
    path("meetings/agenda-items/<int:pk>/edit/", agenda.agenda_item_edit, name="agenda-item-edit"),
    path("meetings/agenda-items/<int:pk>/move/", agenda.agenda_item_move, name="agenda-item-move"),
    path(
        "meetings/agenda-items/<int:pk>/delete/",
        agenda.agenda_item_delete,
        name="agenda-item-delete",
    ),
    # Papers
    path("meetings/<int:pk>/papers/", papers.meeting_papers, name="meeting-papers"),
    path(
        "meetings/<int:pk>/papers/generate/",
        papers.papers_generate,
        name="meeting-papers-generate",
    ),
    path("meetings/<int:pk>/papers/send/", papers.papers_send, name="meeting-papers-send"),
    path("meetings/papers/<int:pk>/", papers.paper_download, name="meeting-paper-download"),
    # Invitations, replies, attendance
    path("meetings/<int:pk>/invite/", invitations.meeting_invite, name="meeting-invite"),
    path(
        "meetings/<int:pk>/invitations/", meetings.meeting_invitations, name="meeting-invitations"
    ),
    path(
        "meetings/invitations/<int:pk>/reply/",
        invitations.invitation_reply,
        name="invitation-reply",
    ),
    path(
        "meetings/invitations/<int:pk>/record/",
        invitations.invitation_record,
        name="invitation-record",
    ),
    path(
        "meetings/<int:pk>/attendance/", invitations.meeting_attendance, name="meeting-attendance"
    ),
    path(
        "meetings/attendance/person/<int:pk>/",
        invitations.person_attendance,
        name="person-attendance",
    ),
    # Briefings before board meetings
    path("meetings/<int:pk>/briefing/", briefings.meeting_briefing, name="meeting-briefing"),
    path(
        "meetings/<int:pk>/briefing/papers/<int:paper_pk>/",
        papers.board_paper_download,
        name="meeting-briefing-paper",
    ),
    path(
        "meetings/<int:pk>/briefing/edit/",
        briefings.meeting_briefing_edit,
        name="meeting-briefing-edit",
    ),
    path(
        "meetings/<int:pk>/briefing/points/new/",
        briefings.meeting_briefing_point,
        name="meeting-briefing-point",
    ),
    path(
        "meetings/<int:pk>/briefing/pack/",
        briefings.meeting_briefing_pack,
        name="meeting-briefing-pack",
    ),
    path(
        "meetings/<int:pk>/briefing/pack/make/",
        briefings.meeting_briefing_pack_build,
        name="meeting-briefing-pack-build",
    ),
    path(
        "meetings/<int:pk>/briefing/send/",
        briefings.meeting_briefing_send,
        name="meeting-briefing-send",
    ),
    # Debriefs after board meetings
    path("meetings/<int:pk>/debrief/", debriefs.meeting_debrief, name="meeting-debrief"),
    path(
        "meetings/<int:pk>/debrief/publish/",
        debriefs.meeting_debrief_publish,
        name="meeting-debrief-publish",
    ),
    # Board meetings read from the board's own calendar
    path(
        "meetings/bodies/<int:pk>/calendar-import/",
        board_calendar.body_calendar_import,
        name="body-calendar-import",
    ),
    path(
        "meetings/bodies/<int:pk>/calendar-import/refresh/",
        board_calendar.body_calendar_refresh,
        name="body-calendar-refresh",
    ),
    path(
        "meetings/calendar-imports/<int:pk>/",
        board_calendar.calendar_import_detail,
        name="calendar-import-detail",
    ),
    # Calendar feeds
    path("meetings/calendar/", calendar.my_calendar, name="my-calendar"),
    path(
        "meetings/calendar/new-address/",
        calendar.calendar_regenerate,
        name="calendar-regenerate",
    ),
    path("meetings/calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path(
        "meetings/groups/<int:pk>/calendar.ics",
        calendar.group_calendar_feed,
        name="group-calendar-feed",
    ),
    path("", include("meetings.urls_minutes")),
]
