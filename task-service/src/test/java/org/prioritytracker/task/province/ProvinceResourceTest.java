package org.prioritytracker.task.province;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.TestTokens;

@QuarkusTest
class ProvinceResourceTest {

    @Test
    void listsThe32BureausInCodeOrder() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/provinces")
                .then().statusCode(200)
                .body("$", hasSize(32))
                .body("[0].code", equalTo("110000"))
                .body("[0].nameZh", equalTo("北京市"))
                .body("[30].code", equalTo("650000"))
                .body("[31].code", equalTo("660000"))
                .body("[31].nameZh", equalTo("新疆生产建设兵团"));
    }

    @Test
    void getsOneBureau() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/provinces/130000")
                .then().statusCode(200)
                .body("nameZh", equalTo("河北省"))
                .body("nameEn", equalTo("Hebei"))
                .body("kind", equalTo("province"));
    }

    @Test
    void unknownBureauIs404Problem() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/provinces/999999")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No reporting bureau has the code '999999'."));
    }
}
