"""A member adds their meetings to their calendar on a phone: one tap to
subscribe (webcal://), or a button that copies the address."""

from __future__ import annotations

from playwright.sync_api import expect

from meetings.services.calendar import calendar_token_for

PHONE = {"width": 320, "height": 640}


def test_subscribe_in_one_tap_or_copy_the_address(world, context, as_user, url):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    token = calendar_token_for(person=world.objects["person"]).token
    feed = url("calendar-feed", token=token)
    page = as_user(world.user("member"))
    page.set_viewport_size(PHONE)
    page.goto(url("my-calendar"))

    subscribe = page.get_by_role("button", name="Subscribe in your calendar app")
    assert subscribe.get_attribute("href") == "webcal://" + feed.split("://", 1)[1]
    assert page.get_by_label("Your calendar address").input_value() == feed

    page.get_by_role("button", name="Copy the address").click()

    # The message follows the clipboard's promise: wait for it, do not race it.
    expect(page.get_by_role("status")).to_contain_text("Address copied")
    assert page.evaluate("navigator.clipboard.readText()") == feed


def test_without_the_script_the_address_is_there_to_select_and_no_copy_button(
    browser, live_server, world, url
):
    from django.conf import settings
    from django.test import Client

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    client = Client()
    client.force_login(world.user("member"))
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.session.session_key,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(url("my-calendar"))

    assert page.get_by_label("Your calendar address").is_visible()
    assert not page.get_by_role("button", name="Copy the address").is_visible()
    context.close()
