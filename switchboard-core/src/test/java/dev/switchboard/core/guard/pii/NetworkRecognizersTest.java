package dev.switchboard.core.guard.pii;

import static dev.switchboard.core.guard.pii.Found.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** E-mail, URL and IP address recognizers. */
class NetworkRecognizersTest {

    private final PiiRecognizer email = new EmailRecognizer();
    private final PiiRecognizer url = new UrlRecognizer();
    private final PiiRecognizer ip = new IpAddressRecognizer();

    @Test
    void emails() {
        assertThat(values(email, "Write to jane.doe+tag@mail.example.co.uk or (JOHN_99@Example.COM)."))
                .containsExactly("jane.doe+tag@mail.example.co.uk", "JOHN_99@Example.COM");
    }

    @Test
    void notEmails() {
        assertThat(values(email, "@home, user@localhost, a@b.c, x..y@example.com, git@ 1.2")).isEmpty();
    }

    @Test
    void urlsWithSchemeOrWwwDropTrailingPunctuation() {
        assertThat(values(url, "See https://example.com/a?b=1. Or (www.example.org/x), http://10.0.0.1:8080/p!"))
                .containsExactly("https://example.com/a?b=1", "www.example.org/x", "http://10.0.0.1:8080/p");
    }

    @Test
    void urlKeepsBalancedParentheses() {
        assertThat(values(url, "https://en.wikipedia.org/wiki/Java_(programming_language)"))
                .containsExactly("https://en.wikipedia.org/wiki/Java_(programming_language)");
    }

    @Test
    void bareDomainsWithCommonTlds() {
        assertThat(values(url, "I sell on shop.example.de and mysite.com/about."))
                .containsExactly("shop.example.de", "mysite.com/about");
    }

    @Test
    void fileNamesAndProductNamesAreNotDomains() {
        assertThat(values(url, "edit main.py, README.md and run.sh; uses ASP.NET, Node.js, e.g. i.e. http://"))
                .isEmpty();
    }

    @Test
    void ipv4() {
        assertThat(values(ip, "from 192.168.0.1, 10.0.0.255 and 8.8.8.8.")).containsExactly(
                "192.168.0.1", "10.0.0.255", "8.8.8.8");
    }

    @Test
    void invalidOrEmbeddedIpv4IsIgnored() {
        assertThat(values(ip, "999.999.999.999 256.1.1.1 1.2.3.4.5 v1.2.3.4 01.02.03.04 1.2.3")).isEmpty();
    }

    @Test
    void fourPartVersionNumberIsReportedBecauseItIsAValidAddress() {
        // Documented choice: a missed address leaks; a redacted version is restored in the answer.
        assertThat(values(ip, "upgrade to 1.2.3.4")).containsExactly("1.2.3.4");
    }

    @Test
    void ipv6FullCompressedAndWithIpv4Tail() {
        assertThat(values(ip, "2001:0db8:85a3:0000:0000:8a2e:0370:7334 and 2001:db8::1, fe80::1ff:fe23:4567:890a;"
                + " ::ffff:192.0.2.128")).containsExactly("2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "2001:db8::1", "fe80::1ff:fe23:4567:890a", "::ffff:192.0.2.128");
    }

    @Test
    void timesAndNonAddressesAreNotIpv6() {
        assertThat(values(ip, "at 12:30:45, ratio 3:2, std::vector, a:b:c:d, 1::2::3, ::")).isEmpty();
        assertThat(IpAddressRecognizer.isIpv6("1:2:3:4:5:6:7")).isFalse();
        assertThat(IpAddressRecognizer.isIpv6("1:2:3:4:5:6:7:8")).isTrue();
    }
}
