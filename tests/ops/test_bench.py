"""scripts/bench.py (`make bench`, docs/performance.md): reading wrk's output,
the requests it sends, the verdicts it prints, and its page table."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]

# scripts/ is not a package: load the script as the module `scripts_bench`.
_spec = importlib.util.spec_from_file_location("scripts_bench", ROOT / "scripts" / "bench.py")
bench = sys.modules.setdefault("scripts_bench", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(bench)

# Real output of `wrk -t1 -c8 -d2s --timeout 10s --latency -s <bench's script>` (wrk
# 4.1.0, Debian): the bare view, and a URL that answers 404.
WRK_BARE = """\
Running 2s test @ http://127.0.0.1:44089/bench/bare/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    23.99ms    7.38ms 117.51ms   80.92%
    Req/Sec   334.35     74.91   606.00     90.00%
  Latency Distribution
     50%   24.17ms
     75%   27.52ms
     90%   29.79ms
     99%   37.07ms
  668 requests in 2.01s, 540.79KB read
Requests/sec:    332.77
Transfer/sec:    269.40KB
Responses other than 200: 0
"""

WRK_404 = """\
Running 2s test @ http://127.0.0.1:44089/no-such-page/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   149.94ms  158.92ms 666.59ms   84.44%
    Req/Sec    97.73     32.32   137.00     80.00%
  Latency Distribution
     50%   77.42ms
     75%  118.61ms
     90%  437.84ms
     99%  660.50ms
  148 requests in 2.00s, 465.68KB read
  Non-2xx or 3xx responses: 148
Requests/sec:     73.86
Transfer/sec:    232.38KB
Responses other than 200: 148
"""

# wrk's own output without the bench's script, for a slow page: seconds and
# microseconds, and socket errors (wrk prints that line only when there are some).
WRK_SLOW = """\
Running 2s test @ http://127.0.0.1:8000/results/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s   310.05ms   1.90s    70.00%
    Req/Sec     6.10      2.31    10.00     60.00%
  Latency Distribution
     50%  980.50us
     75%    1.30s
     90%    1.62s
     99%    1.90s
  12 requests in 2.00s, 0.94MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:      5.99
Transfer/sec:    480.00KB
"""


def test_parse_wrk_reads_requests_per_second_and_percentiles():
    result = bench.parse_wrk(WRK_BARE)

    assert result.requests == 668
    assert result.rps == pytest.approx(332.77)
    assert result.p50_ms == pytest.approx(24.17)
    assert result.p99_ms == pytest.approx(37.07)
    assert result.errors == 0


def test_parse_wrk_counts_responses_other_than_200_once():
    result = bench.parse_wrk(WRK_404)

    assert result.rps == pytest.approx(73.86)
    assert result.errors == 148


def test_parse_wrk_converts_units_and_counts_socket_errors():
    result = bench.parse_wrk(WRK_SLOW)

    assert result.p50_ms == pytest.approx(0.9805)
    assert result.p99_ms == pytest.approx(1900.0)
    assert result.errors == 3


def test_parse_wrk_refuses_output_it_cannot_read():
    with pytest.raises(ValueError, match="unexpected wrk output"):
        bench.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


def test_lua_strings_escape_everything_but_plain_characters():
    assert bench.lua_string("a=1&b=2") == '"a=1&b=2"'
    assert bench.lua_string('x"\\\n') == '"x\\034\\092\\010"'


def _signins():
    return bench.SignIns(
        cookies={bench.ANON: "", bench.ADVISER: "sid=abc; csrf=T0KEN"},
        csrf_token="T0KEN",
        facts={"activity_pk": 7},
    )


def test_a_form_is_posted_with_the_csrf_token_an_origin_and_https():
    export = next(page for page in bench.PAGES if page.form)
    request = bench.build_request(export, 8123, _signins(), bench.ADVISER)

    assert request.method == "POST"
    assert request.headers["X-Forwarded-Proto"] == "https"
    assert request.headers["Origin"] == "https://127.0.0.1:8123"
    assert request.headers["Cookie"] == "sid=abc; csrf=T0KEN"
    body = request.body.decode()
    assert "csrfmiddlewaretoken=T0KEN" in body
    assert "_selected_action=7" in body
    assert "action=export_csv" in body


def test_an_anonymous_page_is_requested_without_cookies():
    request = bench.build_request(bench.PAGES[0], 8123, _signins(), bench.ANON)

    assert request.method == "GET"
    assert "Cookie" not in request.headers
    script = bench.wrk_script(request)
    assert 'wrk.method = "GET"' in script
    assert "Accept-Encoding" in script


def _measurement(page, who, size, rps, ratio, html_bytes=1000, errors=0):
    sample = bench.Sample(status=200, html_bytes=html_bytes, queries=3, content_type="text/html")
    request = bench.Request("GET", page.path, {}, b"")
    run = bench.WrkResult(requests=100, rps=rps, p50_ms=1.0, p99_ms=2.0, errors=errors)
    return bench.Measurement(
        page, who, size, sample, request, Path("x.lua"), runs=[run], ratios=[ratio]
    )


def test_the_verdict_names_each_missed_target():
    page = bench.Page("/", bench.ANON)
    by_size = {
        1: _measurement(page, bench.CACHED, 1, rps=100, ratio=0.6),
        100: _measurement(page, bench.CACHED, 100, rps=70, ratio=0.4, html_bytes=1200),
    }

    verdict = bench.target_verdict(bench.CACHED, page, by_size, 100)

    assert verdict.startswith("**MISSED**")
    assert "÷bare 0.40 < 0.5 at 100×" in verdict
    assert "req/s 100×/1× 0.67 < 0.8" in verdict  # 0.4 ÷ 0.6: relative to the bare view
    assert "size 100×/1× 1.20 > 1.1" in verdict


def test_the_verdict_is_met_when_every_target_is():
    page = bench.Page("/workspace/", bench.STAFF)
    by_size = {
        1: _measurement(page, bench.STAFF, 1, rps=100, ratio=0.2),
        100: _measurement(page, bench.STAFF, 100, rps=90, ratio=0.18),
    }

    assert bench.target_verdict(bench.STAFF, page, by_size, 100) == "met"


def test_the_scale_target_compares_each_size_with_its_own_bare_view():
    # The machine was busier during the 100× run: the page's req/s halved, but so
    # did the bare view's; the page itself did not slow down with the data.
    page = bench.Page("/about/", bench.ANON)
    by_size = {
        1: _measurement(page, bench.UNCACHED, 1, rps=100, ratio=0.2),
        100: _measurement(page, bench.UNCACHED, 100, rps=50, ratio=0.2),
    }

    assert bench.scale_change(by_size[1], by_size[100]) == pytest.approx(1.0)
    assert bench.target_verdict(bench.UNCACHED, page, by_size, 100) == "met"


def test_an_export_of_everything_has_no_scale_target():
    page = next(page for page in bench.PAGES if page.grows_with_data)
    by_size = {
        1: _measurement(page, bench.ADVISER, 1, rps=100, ratio=0.2),
        100: _measurement(page, bench.ADVISER, 100, rps=10, ratio=0.15, html_bytes=90_000),
    }

    assert bench.target_verdict(bench.ADVISER, page, by_size, 100).startswith("met")


def test_failed_requests_are_a_miss():
    page = bench.Page("/", bench.ANON)
    by_size = {1: _measurement(page, bench.UNCACHED, 1, rps=100, ratio=0.6, errors=2)}

    assert "2 failed requests at 1×" in bench.target_verdict(bench.UNCACHED, page, by_size, 100)


@pytest.mark.parametrize("page", bench.PAGES, ids=lambda page: page.name)
def test_every_bench_page_is_a_url_of_the_portal(page, settings):
    settings.ROOT_URLCONF = "config.urls"
    facts = {"activity_pk": 1, "forum_pk": 1, "forum_day": "2019-11-05", "open_period_pk": 1}
    path = page.path.format_map(facts)
    try:
        resolve(path.split("?")[0])  # a search's query string is not part of the route
    except Resolver404:
        pytest.fail(f"{path} is in scripts/bench.py's PAGES but not a URL of the portal")


@pytest.mark.parametrize(
    ("seconds", "shape"),
    [
        (0.005, (1, 8)),  # a fast page: BENCH_DURATION, BENCH_CONNECTIONS
        (0.3, (2, 8)),  # long enough for about 10 requests on 2 workers
        (0.6, (3, 2)),  # slower than 0.5 s: one connection per worker
        (7.0, (10, 2)),  # never longer than 10 s
    ],
)
def test_slow_pages_run_longer_and_with_one_connection_per_worker(seconds, shape):
    sample = bench.Sample(
        status=200, html_bytes=1, queries=0, content_type="text/html", seconds=seconds
    )

    assert bench.run_shape(bench.Config(), sample) == shape


def test_a_miss_by_a_hair_does_not_read_as_the_target():
    page = bench.Page("/", bench.ANON)
    by_size = {1: _measurement(page, bench.UNCACHED, 1, rps=100, ratio=0.0996)}

    assert "÷bare 0.0996 < 0.1 at 1×" in bench.target_verdict(bench.UNCACHED, page, by_size, 100)


def test_a_page_too_slow_for_wrk_is_estimated_from_single_requests():
    config = bench.Config()
    page = bench.PAGES[-1]
    fast = bench.Sample(status=200, html_bytes=1, queries=0, content_type="", seconds=1.9)
    slow = bench.Sample(status=200, html_bytes=1, queries=0, content_type="", seconds=4.0)
    measurement = bench.Measurement(
        page, bench.ADVISER, 100, slow, bench.Request("POST", "/", {}, b""), Path("x.lua")
    )
    measurement.estimated = True

    bench.estimate(config, measurement, bare_rps=500.0)

    assert not bench.too_slow_for_wrk(config, fast)
    assert bench.too_slow_for_wrk(config, slow)
    assert measurement.rps == pytest.approx(0.5)  # 2 workers, 4 s each
    assert measurement.p50_ms == measurement.p99_ms == pytest.approx(4000)
    assert measurement.ratio == pytest.approx(0.001)
    assert measurement.unfinished == 0


def test_a_tiny_ratio_keeps_a_digit_that_is_not_zero():
    page = bench.Page("/", bench.ANON)
    by_size = {1: _measurement(page, bench.UNCACHED, 1, rps=1, ratio=0.0012)}

    assert "÷bare 0.001 < 0.1 at 1×" in bench.target_verdict(bench.UNCACHED, page, by_size, 100)
