package io.clarion.standalone;

import io.clarion.devstack.sandbox.ProviderSandbox;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The dispatcher settings that point every channel at the provider sandbox, with sandbox credentials: SES
 * (endpoint override, static keys), Twilio (base URL, an account sid), FCM (token and API URLs, a service
 * account key) and APNs (h2c base URL, a .p8-style EC key), and the webhook allow-list entry that lets
 * webhooks reach the sandbox on loopback (every other private address stays refused). The keys are
 * generated once per JVM (an RSA key takes a noticeable moment; every engine the JVM starts and every
 * dispatcher process it spawns reuses them) and exist only for this run: the sandbox checks the shape of
 * provider auth, not signatures.
 */
final class SandboxChannels {
    static final String ACCOUNT_SID = "AC00000000000000000000000000c1a0";
    private static final String FCM_KEY = pem("PRIVATE KEY", keyPair("RSA").getPrivate().getEncoded());
    private static final String APNS_KEY = pem("PRIVATE KEY", keyPair("EC").getPrivate().getEncoded());

    private SandboxChannels() {
    }

    static Map<String, Object> properties(ProviderSandbox sandbox) {
        String base = sandbox.baseUrl();
        Map<String, Object> properties = new HashMap<>();
        properties.put("clarion.channels.email.from", "Clarion Status <status@clarion.local>");
        properties.put("clarion.channels.email.endpoint", base);
        properties.put("clarion.channels.email.region", "us-east-1");
        properties.put("clarion.channels.email.access-key-id", "AKIASANDBOX");
        properties.put("clarion.channels.email.secret-access-key", "sandbox-secret");
        properties.put("clarion.channels.sms.account-sid", ACCOUNT_SID);
        properties.put("clarion.channels.sms.auth-token", "sandbox-token");
        properties.put("clarion.channels.sms.from", "+15550000000");
        properties.put("clarion.channels.sms.base-url", base);
        properties.put("clarion.channels.sms.status-callback-url", base + "/twilio/status");
        properties.put("clarion.channels.push.fcm.project-id", "clarion-sandbox");
        properties.put("clarion.channels.push.fcm.client-email", "clarion@clarion-sandbox.iam.gserviceaccount.com");
        properties.put("clarion.channels.push.fcm.private-key", FCM_KEY);
        properties.put("clarion.channels.push.fcm.token-uri", base + "/token");
        properties.put("clarion.channels.push.fcm.base-url", base);
        properties.put("clarion.channels.push.apns.team-id", "SANDBOXTM1");
        properties.put("clarion.channels.push.apns.key-id", "SANDBOXKY1");
        properties.put("clarion.channels.push.apns.private-key", APNS_KEY);
        properties.put("clarion.channels.push.apns.bundle-id", "io.clarion.status");
        properties.put("clarion.channels.push.apns.base-url", base);
        properties.put("clarion.channels.webhook.allow", "127.0.0.1/32:" + sandbox.port());
        return properties;
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK cannot generate a " + algorithm + " key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
