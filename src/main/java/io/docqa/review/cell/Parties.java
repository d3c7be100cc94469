package io.docqa.review.cell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parties a document defines: those of a preamble ("between Acme Corp. (the \"Supplier\") and Beta LLC") and
 * the defined terms that name a party ("\"Licensor\" shall mean the copyright owner…", "\"You\" (or \"Your\")
 * means an individual…", "\"Copyright Holder\" is whoever…"). A defined term is a party when it is a party role
 * (Licensor, Licensee, You, Contributor, Customer, Supplier…) or its definition speaks of a person in its first
 * words (individual, person, entity, owner, company, organisation, whoever…). Normalised as the names in order of first
 * appearance joined by {@code "; "}.
 */
public final class Parties {

    static final Set<String> ROLES = Set.of("licensor", "licensee", "you", "contributor", "copyright holder",
            "customer", "supplier", "vendor", "client", "provider", "service provider", "company", "buyer", "seller",
            "purchaser", "lessor", "lessee", "landlord", "tenant", "employer", "employee", "contractor", "consultant",
            "distributor", "recipient", "party", "parties", "licensors", "licensees", "discloser", "recipient party",
            "disclosing party", "receiving party", "initial developer", "original contributor", "author", "authors");
    /** Words of a definition that must speak of a person ("the union of the acting entity" is no party). */
    static final int LEAD_WORDS = 4;
    private static final Pattern PERSON = Pattern.compile("\\b(?:individuals?|persons?|owners?|compan(?:y|ies)"
            + "|organi[sz]ations?|corporations?|entity|entities|licensors?|licensees?|whoever|anyone)\\b", Pattern.CASE_INSENSITIVE);
    private static final String Q = "[\"“”]";
    private static final Pattern DEFINED = Pattern.compile(Q + "(?<term>\\p{L}[\\w' -]{0,40}?)" + Q
            + "(?:\\s*\\((?:or|and)\\s+" + Q + "[^\"“”]{1,30}" + Q + "\\))?\\s*,?\\s*"
            + "(?:shall\\s+mean|means|is|refers\\s+to|shall\\s+refer\\s+to)\\b(?<definition>[^\\n.;]{0,120})");
    private static final Pattern BETWEEN = Pattern.compile("\\b(?:by\\s+and\\s+)?between\\s+(?<a>[A-Z][^;\\n]{2,150}?)"
            + "\\s+and\\s+(?<b>[A-Z][^;\\n]{2,150}?)(?=\\s*(?:[.;:]\\s|\\n|$|,\\s*(?:each|collectively|together|hereinafter|who|which)))");
    /** "Each licensee is addressed as \"you\"". */
    private static final Pattern ADDRESSED = Pattern.compile("\\baddressed\\s+as\\s+" + Q + "(?<term>\\w[\\w ]{0,30})" + Q);
    /** "the person associating CC0 with a Work (the \"Affirmer\")". */
    private static final Pattern PERSON_ALIAS = Pattern.compile("\\b(?:person|individual|entity|company|corporation"
            + "|organi[sz]ation)\\b[^()\"“”]{0,80}?\\((?:the\\s+|hereinafter\\s+)?" + Q + "(?<term>\\w[\\w ]{0,30})" + Q
            + "\\)");
    private static final Pattern ALIAS = Pattern.compile("\\((?:the\\s+|hereinafter\\s+)?" + Q + "([^\"“”]{1,40})" + Q);

    private Parties() {
    }

    /** A party: its name as normalised, and the characters [start, end) of the text that define it. */
    public record Party(String name, int start, int end) {
    }

    /** The parties of {@code text}, each once, in order of first appearance. */
    public static List<Party> find(String text) {
        Map<String, Party> out = new LinkedHashMap<>();
        List<Party> found = new ArrayList<>();
        for (Matcher m = BETWEEN.matcher(text); m.find();) {
            found.add(preambleParty(m.group("a"), m.start("a"), m.end("a")));
            found.add(preambleParty(m.group("b"), m.start("b"), m.end("b")));
        }
        for (Matcher m = DEFINED.matcher(text); m.find();) {
            String term = m.group("term").strip();
            String[] words = m.group("definition").strip().split("\\s+");
            String lead = String.join(" ", List.of(words).subList(0, Math.min(LEAD_WORDS, words.length)));
            boolean capitalised = Character.isUpperCase(term.charAt(0));
            if (ROLES.contains(term.toLowerCase(Locale.ROOT)) || capitalised && PERSON.matcher(lead).find()) {
                found.add(new Party(term, m.start(), m.end()));
            }
        }
        for (Pattern named : List.of(ADDRESSED, PERSON_ALIAS)) {
            for (Matcher m = named.matcher(text); m.find();) {
                found.add(new Party(m.group("term").strip(), m.start(), m.end()));
            }
        }
        found.sort(java.util.Comparator.comparingInt(Party::start));
        for (Party p : found) {
            out.putIfAbsent(p.name().toLowerCase(Locale.ROOT), p);
        }
        return List.copyOf(out.values());
    }

    /** "Acme Corp., a Delaware corporation (the \"Supplier\")" → "Acme Corp." */
    private static Party preambleParty(String written, int start, int end) {
        Matcher alias = ALIAS.matcher(written);
        String name = written;
        if (alias.find()) {
            name = written.substring(0, alias.start());
        }
        name = name.replaceFirst(",\\s*(?:a|an|the)\\s.*$", "").replaceAll("[\\s,]+$", "").strip();
        return new Party(name, start, end);
    }

    /** The names joined as a party-list cell is normalised. */
    public static String join(List<Party> parties) {
        return String.join("; ", parties.stream().map(Party::name).toList());
    }
}
