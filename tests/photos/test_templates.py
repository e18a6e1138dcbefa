"""components/photo.html and components/hero.html: responsive images, the credit
always shown, nothing inline (the Content-Security-Policy refuses it)."""

import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory

from apps.photos.models import Photo
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    return Template("{% load photos %}" + source).render(Context(context))


def test_photo_tag_renders_figure_with_srcset_sizes_and_credit():
    photo = PhotoFactory(size=(2000, 1000), caption="Opening of the forum")
    html = _render('{% photo photo sizes="(min-width: 62em) 50vw, 100vw" %}', photo=photo)
    assert '<figure class="portal-photo">' in html
    assert 'type="image/webp"' in html
    assert f"{photo.rendition_url(480, 'webp')} 480w" in html
    assert f"{photo.rendition_url(1600, 'jpg')} 1600w" in html
    assert f'src="{photo.rendition_url(960, "jpg")}"' in html
    assert html.count('sizes="(min-width: 62em) 50vw, 100vw"') == 2
    assert 'width="960" height="480"' in html
    assert 'loading="lazy"' in html
    assert f'alt="{photo.alt_text}"' in html
    assert "Opening of the forum" in html
    assert "Photo: Rafly Rinaldy © GIZ" in html
    assert "style=" not in html


def test_photo_shows_the_credit_without_a_caption_and_links_a_cc_licence():
    photo = PhotoFactory(caption="", licence=Photo.Licence.CC_BY_SA_4, kind="illustration")
    html = render_to_string("components/photo.html", {"photo": photo})
    assert "portal-photo__text" not in html
    assert "Illustration: Rafly Rinaldy © GIZ" in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license"' in html
    assert 'sizes="100vw"' in html


def test_photo_renders_nothing_without_a_photo():
    assert _render("{% photo photo %}", photo=None).strip() == ""


def test_alt_text_and_caption_are_escaped():
    photo = PhotoFactory(alt_text='A "quote" <b>', caption="<script>x</script>")
    html = render_to_string("components/photo.html", {"photo": photo})
    assert "<script>x" not in html
    assert "&lt;script&gt;" in html
    assert 'alt="A &quot;quote&quot; &lt;b&gt;"' in html


def test_hero_with_photo_headline_lead_cta_and_credit():
    photo = PhotoFactory(size=(1600, 900))
    html = render_to_string(
        "components/hero.html",
        {
            "photo": photo,
            "headline": "Stronger Secretariat, closer ASEAN.",
            "lead": "GIZ and the ASEAN Secretariat, 2018–2021.",
            "cta_url": "/results/",
            "cta_label": "See the results",
        },
    )
    assert 'aria-labelledby="hero-heading"' in html
    assert '<h1 class="portal-hero__headline" id="hero-heading">' in html
    assert "Stronger Secretariat, closer ASEAN." in html
    assert "GIZ and the ASEAN Secretariat, 2018–2021." in html
    assert 'href="/results/">See the results</a>' in html
    assert "Photo: Rafly Rinaldy © GIZ" in html
    assert 'fetchpriority="high"' in html
    assert 'loading="lazy"' not in html  # the hero is the first thing seen
    assert "portal-hero--plain" not in html
    assert "style=" not in html


def test_hero_without_photo_or_cta():
    html = render_to_string(
        "components/hero.html", {"headline": "Headline", "heading_level": 2, "heading_id": "h"}
    )
    assert "portal-hero--plain" in html
    assert "<img" not in html
    assert '<h2 class="portal-hero__headline" id="h">' in html
    assert "portal-hero__action" not in html


def test_og_image_tag_names_the_largest_jpeg_absolutely():
    photo = PhotoFactory(size=(2400, 1200))
    request = RequestFactory().get("/")
    html = Template("{% load photos %}{% photo_og_image photo %}").render(
        Context({"photo": photo, "request": request})
    )
    assert re.search(
        rf'<meta property="og:image" content="http://testserver/photos/{photo.rendition_key}/1600.jpg">',
        html,
    )
    assert '<meta property="og:image:width" content="1600">' in html
    assert '<meta property="og:image:height" content="800">' in html
    assert f'<meta property="og:image:alt" content="{photo.alt_text}">' in html
    assert Template("{% load photos %}{% photo_og_image None %}").render(Context({})) == ""
