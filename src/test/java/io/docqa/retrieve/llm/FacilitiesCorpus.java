package io.docqa.retrieve.llm;

import static io.docqa.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docqa.retrieve.HybridRetriever;
import io.docqa.retrieve.core.AccessScope;
import io.docqa.retrieve.core.RetrievalQuery;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A facilities handbook where the passage that answers "Can I bring my dog to the office?" uses other words
 * (animals, premises, company buildings) than the many passages about dogs, offices and bringing things; and a
 * second collection, which the reader cannot read, holding a memo that would match the question well.
 */
final class FacilitiesCorpus {

    static final String QUESTION = "Can I bring my dog to the office?";
    static final String TARGET_DOCUMENT = "animals-on-premises.txt";
    static final String TARGET_TEXT = "must not keep or take animals of any kind into company buildings";
    /** A word only the memo of the unreadable collection holds. */
    static final String SECRET = "ZEBRAMEMO7731";
    /** The target's own words, as a rewrite or a hypothetical passage in the documents' vocabulary gives them. */
    static final String IN_THE_DOCUMENTS_WORDS = "Animals on company premises: staff must not keep or take animals"
            + " of any kind into company buildings, apart from registered assistance animals.";
    static final String READER = "rita";
    static final String PASSWORD = "rita-reads-facilities";

    private static final Map<String, String> HANDBOOK = new LinkedHashMap<>();

    static {
        HANDBOOK.put(TARGET_DOCUMENT, "Animals on company premises. Apart from registered assistance dogs, staff "
                + TARGET_TEXT + ". Assistance animals need a note from Facilities.");
        HANDBOOK.put("dog-walking-club.txt", "Dog walking club. Colleagues who own a dog meet at noon by the office"
                + " entrance and walk together in the park; bring water for your dog.");
        HANDBOOK.put("hot-dog-friday.txt", "Hot dog Friday. Every Friday the office canteen serves hot dogs; bring"
                + " your own mug for a free coffee.");
        HANDBOOK.put("bring-a-friend-day.txt", "Bring a friend to the office day. Once a year you may bring a friend"
                + " or a family member to the office for a tour.");
        HANDBOOK.put("dog-daycare-discount.txt", "Dog daycare discount. Employees get 20 percent off at the dog"
                + " daycare next to the office; bring your staff badge.");
        HANDBOOK.put("office-supplies.txt", "Office supplies. Bring empty toner cartridges back to the office supply"
                + " room; the office provides pens and paper.");
        HANDBOOK.put("child-at-work-day.txt", "Bring your child to work day. Children of employees may visit the"
                + " office on the first Monday of June.");
        HANDBOOK.put("dog-bites.txt", "First aid for dog bites. If a dog bites you on your way to the office, clean"
                + " the wound and report it to the office first aider.");
        HANDBOOK.put("office-plants.txt", "Office plants. You may bring your own plants to the office; water them"
                + " yourself.");
        HANDBOOK.put("bicycles.txt", "Bicycles. You can bring your bicycle into the office garage; racks are on"
                + " level minus one.");
        HANDBOOK.put("visitors.txt", "Visitors. Guests you bring to the office sign in at reception and wear a"
                + " visitor badge.");
        HANDBOOK.put("parking.txt", "Parking. Staff who drive to the office may park in the garage with a parking"
                + " card.");
        HANDBOOK.put("lost-and-found.txt", "Lost and found. Items left in the office, dog leads included, are kept at"
                + " reception for a month.");
        HANDBOOK.put("quiet-rooms.txt", "Quiet rooms. The office has three quiet rooms for calls; book them in the"
                + " calendar.");
    }

    /** Passages of the handbook: one per document. */
    static final int HANDBOOK_PASSAGES = 14;

    /** The handbook's and the memos' collection ids. */
    record Ids(long handbook, long memos) {
    }

    private FacilitiesCorpus() {
    }

    /** Ingests both collections and creates the reader, who may read the handbook only. */
    static Ids ingest(String suffix) {
        long handbook = Api.createCollection("Facilities handbook " + suffix);
        long memos = Api.createCollection("Executive memos " + suffix);
        List<Long> ids = new ArrayList<>();
        HANDBOOK.forEach((name, text) -> ids.add(upload(handbook, name, text)));
        ids.add(upload(memos, "director-memo.txt", "Dogs in the office. " + SECRET + ": directors may bring their dog"
                + " to the office on Fridays; bring a lead and a blanket for your dog."));
        for (long id : ids) {
            assertEquals("READY", Api.awaitFinal(id).get("status"));
        }
        String user = READER + suffix.replaceAll("[^a-z0-9]", "");
        asAdmin().contentType(ContentType.JSON).body(Map.of("username", user, "password", PASSWORD, "role", "READER"))
                .post("/api/users").then().statusCode(201);
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "READER"))
                .put("/api/collections/" + handbook + "/members/" + user).then().statusCode(204);
        readerName = user;
        return new Ids(handbook, memos);
    }

    private static String readerName;

    static RequestSpecification asReader() {
        return given().auth().preemptive().basic(readerName, PASSWORD);
    }

    /** The hybrid ranking alone of the question in the handbook: the documents of its first {@code limit} passages. */
    static List<String> plain(HybridRetriever hybrid, Ids ids, int limit) {
        return hybrid.retrieve(AccessScope.of(List.of(ids.handbook())), new RetrievalQuery(QUESTION, limit))
                .passages().stream().map(RetrievedPassage::documentName).toList();
    }

    /** The reader's search of every collection she can read. */
    static JsonPath search(String query, int limit) {
        return asReader().contentType(ContentType.JSON).body(Map.of("query", query, "limit", limit))
                .post("/api/search").then().statusCode(200).extract().jsonPath();
    }

    /** The reader's question over every collection she can read. */
    static JsonPath ask(String question) {
        return asReader().contentType(ContentType.JSON).body(Map.of("question", question)).post("/api/ask").then()
                .statusCode(200).extract().jsonPath();
    }

    private static long upload(long collection, String name, String text) {
        return asAdmin().multiPart("file", name, text.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/api/collections/" + collection + "/documents").then().statusCode(202).extract().jsonPath()
                .getLong("documents[0].id");
    }

    private static final Pattern CANDIDATE = Pattern.compile("\\[(\\d+)] Document: ([^ |\\\\]+)");
    private static final Pattern SOURCE = Pattern.compile("<source n=\\\\\"(\\d+)\\\\\"");

    /** The number of the target among the candidates of a re-ranking prompt, 0 when it is not among them. */
    static int targetCandidate(String requestBody) {
        for (Matcher m = CANDIDATE.matcher(requestBody); m.find();) {
            if (m.group(2).equals(TARGET_DOCUMENT)) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    /** The number of the answer prompt's source holding the target, 0 when none does. */
    static int targetSource(String requestBody) {
        int at = requestBody.indexOf(TARGET_TEXT);
        int n = 0;
        for (Matcher m = SOURCE.matcher(requestBody); at >= 0 && m.find() && m.start() < at;) {
            n = Integer.parseInt(m.group(1));
        }
        return n;
    }

    static boolean isRerank(String body) {
        return body.contains("You rank search results");
    }

    static boolean isMultiQuery(String body) {
        return body.contains("alternative search queries");
    }

    static boolean isHyde(String body) {
        return body.contains("Write a short passage");
    }

    /** The answer the scripted model writes: the target's sentence citing the source that holds it. */
    static String answerCitingTarget(String body) {
        int n = targetSource(body);
        return n == 0 ? "NOT_FOUND" : "Staff must not take animals into company buildings [" + n + "].";
    }

    static List<String> documentNames(JsonPath search) {
        return search.getList("results.documentName", String.class);
    }
}
