package dev.slipway.mask.transform;

import java.util.List;

/** The built-in names that {@code name}, {@code first_name} and {@code last_name} pick from. */
public final class WordLists {

    static final List<String> FIRST = List.of(
            "Aaliyah", "Abel", "Adaeze", "Aditya", "Agnes", "Aiko", "Alba", "Alejandro", "Amara", "Anders",
            "Anouk", "Arjun", "Astrid", "Aurelio", "Beatriz", "Bjorn", "Bongani", "Callum", "Camille", "Chiara",
            "Chidi", "Dagny", "Dario", "Deniz", "Dmitri", "Elif", "Elodie", "Emeka", "Esme", "Farid",
            "Femi", "Freya", "Gael", "Greta", "Hamza", "Hana", "Hugo", "Ines", "Ingrid", "Isak",
            "Jalen", "Jana", "Joaquin", "Jun", "Kai", "Kalani", "Kenji", "Kofi", "Lars", "Leilani",
            "Lina", "Lorcan", "Luca", "Maeve", "Malik", "Mariam", "Mateo", "Mei", "Milan", "Mirela",
            "Nadia", "Naveen", "Nia", "Nikolai", "Noor", "Oren", "Otso", "Paloma", "Pavel", "Priya",
            "Quentin", "Rafael", "Rania", "Ravi", "Rhea", "Rosalind", "Saanvi", "Selin", "Soren", "Suki",
            "Tariq", "Teodora", "Thandiwe", "Tomas", "Uma", "Valentin", "Vera", "Wanjiru", "Wen", "Ximena",
            "Yara", "Yusuf", "Zainab", "Zaid", "Zoltan", "Ilse", "Cosmin", "Leona", "Bruno", "Sigrid");

    static final List<String> LAST = List.of(
            "Abara", "Achterberg", "Adeyemi", "Albescu", "Almqvist", "Andrade", "Arkwright", "Bakshi", "Balogun", "Barros",
            "Bergstrom", "Brannigan", "Castellanos", "Chakrabarti", "Cieslak", "Dalgaard", "Delacroix", "Dimitrov", "Drummond", "Eberhardt",
            "Ekwueme", "Esposito", "Falkenrath", "Ferreira", "Fitzgerald", "Gallardo", "Grebenko", "Haddad", "Halvorsen", "Hashimoto",
            "Hollis", "Iwasaki", "Jankowski", "Jovanovic", "Kaczmarek", "Kamau", "Karlsson", "Kovacs", "Lachance", "Lindqvist",
            "Lombardi", "Madsen", "Mahlangu", "Marchetti", "Mbeki", "Moreau", "Nakagawa", "Nazarov", "Novak", "Nwosu",
            "Oyelaran", "Ozturk", "Pacheco", "Pellegrini", "Petrakis", "Quiroga", "Rahimi", "Ramaswamy", "Renard", "Rosales",
            "Sandoval", "Sato", "Schreiber", "Sekibo", "Silvestri", "Sorensen", "Szabo", "Takahashi", "Tamm", "Tshabalala",
            "Uchenna", "Valdivia", "Vasquez", "Vogel", "Wahlberg", "Watanabe", "Weiss", "Wojcik", "Yamamoto", "Yilmaz",
            "Zamora", "Zielinski", "Okonkwo", "Lindgren", "Castillo", "Varga", "Horvath", "Mendoza", "Kowalczyk", "Aldana",
            "Brennan", "Carvalho", "Dragomir", "Engstrom", "Fontaine", "Gudmundsson", "Herrera", "Ivanova", "Jaramillo", "Kristensen");

    private WordLists() {
    }
}
