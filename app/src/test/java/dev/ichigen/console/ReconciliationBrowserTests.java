package dev.ichigen.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ichigen.order.Order;
import dev.ichigen.order.OrderIntake;
import dev.ichigen.order.OrderManagement;
import dev.ichigen.order.PaymentStatus;
import dev.ichigen.payment.BankReconciliationIntegrationTests;
import dev.ichigen.shared.csv.CsvEncoding;
import dev.ichigen.support.IchigenIntegrationTest;
import dev.ichigen.support.SalesFixtures;

@IchigenIntegrationTest
class ReconciliationBrowserTests {

    @RegisterExtension
    final BrowserSupport browser = new BrowserSupport();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderIntake intake;

    @Autowired
    OrderManagement orders;

    @Test
    void anUnclearCreditIsConfirmedForOneOfItsCandidates() throws IOException {
        SalesFixtures fixtures = new SalesFixtures(jdbc);
        long channel = fixtures.channel();
        String sku = fixtures.product("RECON");
        String kana = BankReconciliationIntegrationTests.randomKana();
        long amount = BankReconciliationIntegrationTests.randomAmount();
        // two open orders of the same person and amount: the credit cannot be matched automatically
        Order first = BankReconciliationIntegrationTests.bankTransferOrder(intake, orders, channel, sku,
                SalesFixtures.unique("RC"), kana, amount);
        Order second = BankReconciliationIntegrationTests.bankTransferOrder(intake, orders, channel, sku,
                SalesFixtures.unique("RC"), kana, amount);
        String csv = "日付,入金額,出金額,振込依頼人名\r\n2025/06/10,%d,,%s\r\n".formatted(amount,
                BankReconciliationIntegrationTests.halfWidth(kana));
        Path file = Files.createTempFile("ichigen-statement-", ".csv");
        try {
            Files.write(file, csv.getBytes(CsvEncoding.WINDOWS_31J));
            browser.loginAsAdmin();
            browser.open("/orders");
            browser.waitFor(By.id("nav-reconciliation")).click();
            browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            browser.type(By.id("account"), SalesFixtures.unique("acct"));
            WebElement submit = browser.waitFor(By.id("statement-submit"));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", submit);
            submit.click();
            assertThat(browser.waitFor(By.id("count-review")).getText()).isEqualTo("1");
            assertThat(browser.waitFor(By.id("count-matched")).getText()).isEqualTo("0");

            By candidate = By.cssSelector("tr.candidate[id$='-" + second.id() + "']");
            WebElement row = browser.waitFor(candidate);
            WebElement card = row.findElement(By.xpath("ancestor::div[contains(@class,'statement-line')]"));
            String cardId = card.getAttribute("id");
            assertThat(card.findElement(By.className("line-reason")).getText()).isEqualTo("候補が複数");
            assertThat(card.findElements(By.cssSelector("tr.candidate"))).hasSize(2);
            card.findElement(By.className("line-note-input")).sendKeys("2件目の注文分と電話で確認");
            browser.screenshot("reconciliation-review");
            WebElement confirm = row.findElement(By.className("confirm-candidate"));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", confirm);
            confirm.click();
            browser.acceptConfirm();
            // htmx swaps the whole card: wait on a fresh look-up (textToBe tolerates the swap in between)
            new WebDriverWait(browser.driver(), BrowserSupport.TIMEOUT)
                    .until(ExpectedConditions.textToBe(By.cssSelector("#" + cardId + " .line-state"), "消込済"));
            assertThat(browser.driver().findElement(By.id(cardId)).findElement(By.className("line-note")).getText())
                    .contains("2件目の注文分と電話で確認");
            browser.screenshot("reconciliation-confirmed");
            assertThat(orders.get(second.id()).paymentStatus()).isEqualTo(PaymentStatus.PAID);
            assertThat(orders.get(first.id()).paymentStatus()).isEqualTo(PaymentStatus.PENDING);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
