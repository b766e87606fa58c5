package io.clarion.gateway.statuspage;

import io.clarion.core.digest.Sha256;
import java.util.Base64;

/**
 * The status page's one stylesheet and one script, inline so the page is a single request, and their hashes for
 * the page's Content-Security-Policy (which then allows no other script or style). The script is a progressive
 * enhancement: it asks for the page again every few seconds (a {@code 304} while nothing changed, thanks to the
 * ETag) and swaps in the new {@code <main>} when it differs; without JavaScript the page is complete as served.
 * Colours meet WCAG AA contrast (4.5:1) for their text, and no status is told by colour alone.
 */
final class StatusPageStyle {
    static final String CSS = """
            :root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;\
            --none:#1a7f37;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--maintenance:#0969da}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",\
            Roboto,"Helvetica Neue",Arial,sans-serif}
            .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
            header,main,footer{max-width:46rem;margin:0 auto;padding:0 1rem}
            header{padding-top:2rem;padding-bottom:1rem}
            header h1{margin:0;font-size:1.75rem;line-height:1.2}
            header p{margin:.25rem 0 0;color:var(--muted)}
            .banner{border-radius:.5rem;padding:1rem 1.25rem;color:#fff;font-size:1.25rem;font-weight:600;margin:0 0 .25rem}
            .banner.none{background:var(--none)}.banner.minor{background:var(--minor)}
            .banner.major{background:var(--major)}.banner.critical{background:var(--critical)}
            .checked{color:var(--muted);font-size:.875rem;margin:0 0 1.5rem}
            section{margin:0 0 2rem}
            h2{font-size:1.25rem;margin:0 0 .75rem}
            .card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;overflow:hidden}
            .incident{border-left:.375rem solid var(--line);padding:1rem 1.25rem;margin:0 0 1rem}
            .incident.none{border-left-color:var(--muted)}.incident.minor{border-left-color:var(--minor)}
            .incident.major{border-left-color:var(--major)}.incident.critical{border-left-color:var(--critical)}
            .incident h3{font-size:1.125rem;margin:0 0 .25rem;overflow-wrap:anywhere}
            .meta{color:var(--muted);font-size:.875rem;margin:0 0 .75rem}
            .updates{list-style:none;margin:0;padding:0}
            .updates li{padding:.625rem 0;border-top:1px solid var(--line)}
            .updates li:first-child{border-top:0;padding-top:0}
            .updates .state{font-weight:600;text-transform:capitalize}
            .updates .body{margin:.125rem 0;white-space:pre-line;overflow-wrap:anywhere}
            .updates time,.updates .version{color:var(--muted);font-size:.875rem}
            .components{list-style:none;margin:0;padding:0}
            .components li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;\
            padding:.75rem 1.25rem;border-top:1px solid var(--line)}
            .components li:first-child{border-top:0}
            .components .name{font-weight:500;overflow-wrap:anywhere}
            .group{padding:.5rem 1.25rem;margin:0;font-size:1rem;background:var(--bg);border-top:1px solid var(--line)}
            .card .group:first-child{border-top:0}
            .status{font-weight:600;white-space:nowrap}
            .status::before{display:inline-block;width:1.25em;text-align:center;margin-right:.25rem}
            .status.operational{color:var(--none)}.status.operational::before{content:"\\2713"}
            .status.under_maintenance{color:var(--maintenance)}.status.under_maintenance::before{content:"\\2699"}
            .status.degraded_performance{color:var(--minor)}.status.degraded_performance::before{content:"!"}
            .status.partial_outage{color:var(--major)}.status.partial_outage::before{content:"!"}
            .status.major_outage{color:var(--critical)}.status.major_outage::before{content:"\\2715"}
            .empty{color:var(--muted);margin:0}
            details.incident summary{cursor:pointer;font-weight:600;overflow-wrap:anywhere}
            details.incident[open] summary{margin-bottom:.5rem}
            footer{color:var(--muted);font-size:.875rem;padding-bottom:2rem}
            a{color:#0550ae}
            @media (max-width:30rem){header{padding-top:1.25rem}.banner{font-size:1.125rem}.incident{padding:.875rem 1rem}\
            .components li{padding:.75rem 1rem}}
            """;

    static final String SCRIPT = """
            (function(){var main=document.getElementById('main');var every=+main.dataset.refresh||5000;\
            function check(){fetch(location.href,{cache:'no-cache',headers:{Accept:'text/html'}}).then(function(r){\
            return r.ok?r.text():null}).then(function(html){if(!html)return;var next=new DOMParser()\
            .parseFromString(html,'text/html').getElementById('main');if(next&&next.innerHTML!==main.innerHTML){\
            main.innerHTML=next.innerHTML}}).catch(function(){}).then(function(){setTimeout(check,every)})}\
            setTimeout(check,every)})();""";

    /** The page's Content-Security-Policy: its own inline style and script, requests to itself, nothing else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + hash(CSS) + "'; script-src '"
            + hash(SCRIPT) + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private StatusPageStyle() {
    }

    private static String hash(String inline) {
        return "sha256-" + Base64.getEncoder().encodeToString(Sha256.of(inline));
    }
}
