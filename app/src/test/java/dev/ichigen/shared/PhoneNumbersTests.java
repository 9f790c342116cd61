package dev.ichigen.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.ichigen.shared.PhoneNumber.Kind;

class PhoneNumbersTests {

    @Test
    void readsNumbersAsCustomersAndMallsWriteThem() {
        for (String text : new String[] { "090-1234-5678", "09012345678", "０９０－１２３４－５６７８", "090ー1234ー5678",
                "+81-90-1234-5678", "+819012345678", "+81 (0)90 1234 5678", "0081-90-1234-5678", "TEL:090-1234-5678",
                "090 1234 5678", "090−1234−5678" }) {
            assertThat(PhoneNumbers.normalise(text)).as(text).isEqualTo("09012345678");
        }
        assertThat(PhoneNumbers.normalise("(03) 1234-5678")).isEqualTo("0312345678");
        assertThat(PhoneNumbers.normalise("03.1234.5678")).isEqualTo("0312345678");
        assertThat(PhoneNumbers.normalise("+81 3-1234-5678")).isEqualTo("0312345678");
        assertThat(PhoneNumbers.normalise("0123-45-6789")).isEqualTo("0123456789");
    }

    @Test
    void knowsTheKindAndLengthByPrefix() {
        assertThat(PhoneNumbers.validate("080-1111-2222", "phone").kind()).isEqualTo(Kind.MOBILE);
        assertThat(PhoneNumbers.validate("070-1111-2222", "phone").kind()).isEqualTo(Kind.MOBILE);
        assertThat(PhoneNumbers.validate("050-1111-2222", "phone").kind()).isEqualTo(Kind.IP_PHONE);
        assertThat(PhoneNumbers.validate("0120-123-456", "phone").kind()).isEqualTo(Kind.TOLL_FREE);
        assertThat(PhoneNumbers.validate("0800-123-4567", "phone").kind()).isEqualTo(Kind.TOLL_FREE);
        assertThat(PhoneNumbers.validate("0570-123-456", "phone").kind()).isEqualTo(Kind.NAVI_DIAL);
        assertThat(PhoneNumbers.validate("06-6123-4567", "phone").kind()).isEqualTo(Kind.LANDLINE);
        PhoneNumber mobile = PhoneNumbers.validate("09012345678", "phone");
        assertThat(mobile.formatted()).isEqualTo("090-1234-5678");
        assertThat(mobile.international()).isEqualTo("+819012345678");
        assertThat(PhoneNumbers.validate("0120123456", "phone").formatted()).isEqualTo("0120-123-456");
    }

    @Test
    void saysWhatIsWrongWithAnInvalidNumber() {
        assertThat(PhoneNumbers.problem("090-1234-567")).hasValueSatisfying(p -> assertThat(p).contains("11桁").contains("携帯電話"));
        assertThat(PhoneNumbers.problem("0312-345-6789")).hasValueSatisfying(p -> assertThat(p).contains("11桁").contains("固定電話は10桁"));
        assertThat(PhoneNumbers.problem("0120-123-4567")).hasValueSatisfying(p -> assertThat(p).contains("10桁"));
        assertThat(PhoneNumbers.problem("1234-5678")).hasValueSatisfying(p -> assertThat(p).contains("0 から始まる"));
        assertThat(PhoneNumbers.problem("090-1234-abcd")).hasValueSatisfying(p -> assertThat(p).contains("「a」"));
        assertThat(PhoneNumbers.problem("+1 415 555 0100")).hasValueSatisfying(p -> assertThat(p).contains("0 から始まる"));
        assertThat(PhoneNumbers.problem("0012-345-6789")).hasValueSatisfying(p -> assertThat(p).contains("00 で始まる"));
        assertThat(PhoneNumbers.problem(" ")).hasValue("電話番号がありません");
        assertThat(PhoneNumbers.problem("03-1234-5678")).isEmpty();
        assertThat(PhoneNumbers.normalise("090-1234-567")).isNull();
        assertThatThrownBy(() -> PhoneNumbers.validate("090", "shipTo.phone")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().field()).isEqualTo("shipTo.phone"));
    }
}
