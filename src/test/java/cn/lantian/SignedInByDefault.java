package cn.lantian;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Every request a test makes through RestAssured signs in as {@link TestUsers#TESTER} unless the test
 * says otherwise ({@code given().auth().none()} for an anonymous call, {@code .auth().preemptive().basic(…)}
 * for another user): the suite tests what the service decides, and the role matrix tests who may ask.
 */
public class SignedInByDefault implements QuarkusTestBeforeEachCallback {
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.preemptive().basic(TestUsers.TESTER, TestUsers.PASSWORD);
    }
}
