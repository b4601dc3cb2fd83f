package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.server.config.AccessSettings;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without tokens an API client is its address, found as the page finds it: X-Forwarded-For from trusted proxies only. */
final class ApiIdentityTest {
    private static final ApiAccess ACCESS = new ApiAccess(
            new AccessSettings(List.of(), List.of(), List.of("10.0.0.1"), false, List.of()));

    @Test
    void aTrustedProxyNamesTheClient() {
        HttpRequest request = forwardedFor("192.168.7.7, 172.16.5.9");

        assertThat(ACCESS.identify(request, peer("10.0.0.1")).key()).isEqualTo("ip:172.16.5.9");
    }

    @Test
    void anUntrustedPeerCannotClaimAnotherAddress() {
        HttpRequest request = forwardedFor("172.16.5.9");

        assertThat(ACCESS.identify(request, peer("192.168.1.5")).key()).isEqualTo("ip:192.168.1.5");
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItself() {
        assertThat(ACCESS.identify(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/tags"),
                peer("10.0.0.1")).key()).isEqualTo("ip:10.0.0.1");
    }

    private static HttpRequest forwardedFor(String hops) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/chat");
        request.headers().set("X-Forwarded-For", hops);
        return request;
    }

    private static InetSocketAddress peer(String address) {
        return new InetSocketAddress(address, 40000);
    }
}
