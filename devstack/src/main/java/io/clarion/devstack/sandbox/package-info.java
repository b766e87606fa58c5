/**
 * The provider sandbox: an HTTP server that stands in for the providers Clarion delivers to
 * (SES v2, Twilio, FCM HTTP v1, APNs and webhook receivers) and keeps every message it receives in an inbox that tests and
 * people can query ({@code GET /sandbox/messages}, {@code GET /sandbox/stats}).
 */
package io.clarion.devstack.sandbox;
