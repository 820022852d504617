<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="sv">
<context>
    <name>DialogueOfficerPage</name>
    <message>
        <source>Medborgardialog</source>
        <translation>Citizen dialogue</translation>
    </message>
    <message>
        <source>Till startsidan, dialogen fortsätter</source>
        <translation>To the start page; the dialogue continues</translation>
    </message>
    <message>
        <source>%1, %2 · start %3</source>
        <translation>%1, %2 · started %3</translation>
    </message>
    <message numerus="yes">
        <source>%n invånare har svarat på enkäten.</source>
        <translation><numerusform>%n resident has answered the survey.</numerusform><numerusform>%n residents have answered the survey.</numerusform></translation>
    </message>
    <message>
        <source>Lämna över till invånare (kioskläge)</source>
        <translation>Hand over to residents (kiosk mode)</translation>
    </message>
    <message>
        <source>Personer vi har pratat med</source>
        <translation>People we talked to</translation>
    </message>
    <message>
        <source>Ämnen som togs upp</source>
        <translation>Topics raised</translation>
    </message>
    <message>
        <source>Ett färre om %1</source>
        <translation>One less about %1</translation>
    </message>
    <message>
        <source>En till om %1</source>
        <translation>One more about %1</translation>
    </message>
    <message>
        <source>Kort anteckning (valfritt)</source>
        <translation>Short note (optional)</translation>
    </message>
    <message>
        <source>Anteckning om %1</source>
        <translation>Note about %1</translation>
    </message>
    <message>
        <source>Avsluta dialogen</source>
        <translation>End the dialogue</translation>
    </message>
</context>
<context>
    <name>DialogueStartPage</name>
    <message>
        <source>Starta medborgardialog</source>
        <translation>Start a citizen dialogue</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Plats</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Annan plats (beskriv)</source>
        <translation>Other place (describe)</translation>
    </message>
    <message>
        <source>T.ex. ICA Vindeln, entrén</source>
        <translation>E.g. ICA Vindeln, the entrance</translation>
    </message>
    <message>
        <source>Beskrivning av platsen</source>
        <translation>Description of the place</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Locality</translation>
    </message>
    <message>
        <source>Vem håller dialogen?</source>
        <translation>Who is holding the dialogue?</translation>
    </message>
    <message>
        <source>Polisen</source>
        <translation>The police</translation>
    </message>
    <message>
        <source>Kommunen</source>
        <translation>The municipality</translation>
    </message>
    <message>
        <source>Starttid: %1</source>
        <translation>Start time: %1</translation>
    </message>
    <message>
        <source>Välj en PIN-kod (4–8 siffror). Den behövs för att lämna kioskläget.</source>
        <translation>Choose a PIN (4–8 digits). It is needed to leave kiosk mode.</translation>
    </message>
    <message>
        <source>PIN-kod</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Upprepa PIN-koden</source>
        <translation>Repeat the PIN</translation>
    </message>
    <message>
        <source>PIN-koderna är inte lika.</source>
        <translation>The PINs do not match.</translation>
    </message>
    <message>
        <source>Starta dialogen</source>
        <translation>Start the dialogue</translation>
    </message>
</context>
<context>
    <name>EnrolmentPage</name>
    <message>
        <source>Anslut enheten</source>
        <translation>Connect the device</translation>
    </message>
    <message>
        <source>Enheten är inte längre ansluten till servern. Anslut igen med en ny kod – allt som sparats på enheten finns kvar och skickas när du är ansluten.</source>
        <translation>The device is no longer connected to the server. Connect again with a new code – everything saved on the device is kept and sent once you are connected.</translation>
    </message>
    <message>
        <source>Ange serverns adress och koden du har fått: en engångskod från samordnaren (för polis- eller kioskenhet) eller undersökningens kod.</source>
        <translation>Enter the server address and the code you were given: a one-time code from the coordinator (for a police or kiosk device) or the survey's code.</translation>
    </message>
    <message>
        <source>Serveradress, t.ex. https://trygghet.vindeln.se</source>
        <translation>Server address, e.g. https://trygghet.vindeln.se</translation>
    </message>
    <message>
        <source>Serveradress</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Kod, t.ex. ABCD-2345</source>
        <translation>Code, e.g. ABCD-2345</translation>
    </message>
    <message>
        <source>Kod</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Anslut</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Ansluter</source>
        <translation>Connecting</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Trygghetsdialog</source>
        <translation>Trygghetsdialog</translation>
    </message>
    <message>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Synkronisering</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Allt är skickat.</source>
        <translation>Everything has been sent.</translation>
    </message>
    <message numerus="yes">
        <source>%n svar väntar på att skickas.</source>
        <translation><numerusform>%n answer is waiting to be sent.</numerusform><numerusform>%n answers are waiting to be sent.</numerusform></translation>
    </message>
    <message>
        <source>Synkroniserar</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <source>Synka nu</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Behöver åtgärdas (%1)</source>
        <translation>Needs attention (%1)</translation>
    </message>
    <message>
        <source>Undersökningar</source>
        <translation>Surveys</translation>
    </message>
    <message>
        <source>Inga undersökningar ännu. Synka för att hämta dem.</source>
        <translation>No surveys yet. Sync to fetch them.</translation>
    </message>
    <message>
        <source>%1 (stängd)</source>
        <translation>%1 (closed)</translation>
    </message>
    <message>
        <source>Fortsätt medborgardialogen</source>
        <translation>Continue the citizen dialogue</translation>
    </message>
    <message>
        <source>Starta medborgardialog</source>
        <translation>Start a citizen dialogue</translation>
    </message>
    <message>
        <source>Vad invånarna har sagt</source>
        <translation>What residents have said</translation>
    </message>
    <message>
        <source>Medborgarlöften</source>
        <translation>Citizen promises</translation>
    </message>
    <message>
        <source>Fortsätt trygghetsvandringen</source>
        <translation>Continue the safety walk</translation>
    </message>
    <message>
        <source>Trygghetsvandring</source>
        <translation>Safety walk</translation>
    </message>
    <message>
        <source>Åtgärder (%1)</source>
        <translation>Measures (%1)</translation>
    </message>
</context>
<context>
    <name>IssueText</name>
    <message>
        <source>Den här frågan måste besvaras.</source>
        <translation>This question must be answered.</translation>
    </message>
    <message>
        <source>Välj eller ange minst ett svar.</source>
        <translation>Choose or give at least one answer.</translation>
    </message>
    <message>
        <source>Den här frågan ska inte besvaras med dina tidigare svar.</source>
        <translation>Given your earlier answers, this question should not be answered.</translation>
    </message>
    <message>
        <source>Frågan finns inte i enkäten.</source>
        <translation>The question is not part of the survey.</translation>
    </message>
    <message>
        <source>Svaret har fel form för frågan.</source>
        <translation>The answer has the wrong form for this question.</translation>
    </message>
    <message>
        <source>Välj ett av alternativen på skalan.</source>
        <translation>Choose one of the points on the scale.</translation>
    </message>
    <message>
        <source>"Vet ej" går inte att välja på den här frågan.</source>
        <translation>"Don't know" cannot be chosen for this question.</translation>
    </message>
    <message>
        <source>Välj bland alternativen som visas.</source>
        <translation>Choose among the options shown.</translation>
    </message>
    <message>
        <source>Samma alternativ är valt flera gånger.</source>
        <translation>The same option is chosen more than once.</translation>
    </message>
    <message>
        <source>Du har valt för många alternativ.</source>
        <translation>You have chosen too many options.</translation>
    </message>
    <message>
        <source>Det här alternativet går inte att kombinera med andra.</source>
        <translation>This option cannot be combined with others.</translation>
    </message>
    <message>
        <source>Talet ligger utanför det tillåtna intervallet.</source>
        <translation>The number is outside the allowed range.</translation>
    </message>
    <message>
        <source>Ange ett heltal.</source>
        <translation>Enter a whole number.</translation>
    </message>
    <message>
        <source>Texten är för lång.</source>
        <translation>The text is too long.</translation>
    </message>
    <message>
        <source>Skriv något, eller lämna frågan tom.</source>
        <translation>Write something, or leave the question empty.</translation>
    </message>
    <message>
        <source>Du har angett för många platser.</source>
        <translation>You have given too many places.</translation>
    </message>
    <message>
        <source>Välj en plats, din position eller beskriv platsen.</source>
        <translation>Choose a place, your position, or describe the place.</translation>
    </message>
    <message>
        <source>Välj en tid på dygnet som visas.</source>
        <translation>Choose a time of day that is shown.</translation>
    </message>
    <message>
        <source>Välj ett skäl bland dem som visas.</source>
        <translation>Choose a reason among those shown.</translation>
    </message>
    <message>
        <source>Positionen är ogiltig.</source>
        <translation>The position is not valid.</translation>
    </message>
    <message>
        <source>Språket för svaret är ogiltigt.</source>
        <translation>The answer's language is not valid.</translation>
    </message>
    <message>
        <source>Svaret hör till en annan enkät.</source>
        <translation>The answer belongs to another survey.</translation>
    </message>
    <message>
        <source>Svaret hör till en annan version av enkäten.</source>
        <translation>The answer belongs to another version of the survey.</translation>
    </message>
    <message>
        <source>Ett id i svaret är ogiltigt.</source>
        <translation>An id in the answer is not valid.</translation>
    </message>
    <message>
        <source>En tidpunkt i svaret är ogiltig.</source>
        <translation>A time in the answer is not valid.</translation>
    </message>
    <message>
        <source>Svaret är inte giltigt (%1).</source>
        <translation>The answer is not valid (%1).</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>Avsluta</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Lämna kioskläget (kräver PIN-kod)</source>
        <translation>Leave kiosk mode (needs the PIN)</translation>
    </message>
    <message>
        <source>Tack för att du svarade!</source>
        <translation>Thank you for answering!</translation>
    </message>
    <message>
        <source>Dina svar är sparade. Lämna gärna tillbaka surfplattan.</source>
        <translation>Your answers are saved. Please hand the tablet back.</translation>
    </message>
    <message>
        <source>Nästa person</source>
        <translation>Next person</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Trygghetsdialog</source>
        <translation>Trygghetsdialog</translation>
    </message>
</context>
<context>
    <name>NeedsAttentionPage</name>
    <message>
        <source>Behöver åtgärdas</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Inget behöver åtgärdas.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <source>Servern tog inte emot de här posterna. De finns kvar på enheten; kontakta samordnaren.</source>
        <translation>The server did not accept these records. They are kept on the device; contact the coordinator.</translation>
    </message>
</context>
<context>
    <name>NumberInput</name>
    <message>
        <source>Ett tal mellan %1 och %2</source>
        <translation>A number between %1 and %2</translation>
    </message>
    <message>
        <source>Tal</source>
        <translation>Number</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Officerens PIN-kod</source>
        <translation>The officer's PIN</translation>
    </message>
    <message>
        <source>PIN-kod</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Bekräfta</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>PlaceInput</name>
    <message>
        <source>Ta bort %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <source>När på dygnet?</source>
        <translation>When during the day?</translation>
    </message>
    <message>
        <source>%1 för %2</source>
        <translation>%1 for %2</translation>
    </message>
    <message>
        <source>Varför känns platsen otrygg?</source>
        <translation>Why does the place feel unsafe?</translation>
    </message>
    <message>
        <source>Lägg till en plats (högst %1):</source>
        <translation>Add a place (at most %1):</translation>
    </message>
    <message>
        <source>Välj plats i listan</source>
        <translation>Choose a place from the list</translation>
    </message>
    <message>
        <source>Här jag står nu</source>
        <translation>Where I am standing now</translation>
    </message>
    <message>
        <source>Söker din position …</source>
        <translation>Looking for your position …</translation>
    </message>
    <message>
        <source>Position hittad, noggrannhet ±%1 m</source>
        <translation>Position found, accuracy ±%1 m</translation>
    </message>
    <message>
        <source>Position hittad, men utan uppgift om noggrannhet. Beskriv platsen i stället.</source>
        <translation>Position found, but without its accuracy. Describe the place instead.</translation>
    </message>
    <message>
        <source>Ingen position hittades. Beskriv platsen i stället.</source>
        <translation>No position was found. Describe the place instead.</translation>
    </message>
    <message>
        <source>Positionen är inte tillgänglig. Beskriv platsen i stället.</source>
        <translation>The position is not available. Describe the place instead.</translation>
    </message>
    <message>
        <source>Söker position</source>
        <translation>Looking for position</translation>
    </message>
    <message>
        <source>Lägg till min position</source>
        <translation>Add my position</translation>
    </message>
    <message>
        <source>Beskriv platsen</source>
        <translation>Describe the place</translation>
    </message>
    <message>
        <source>Beskrivning av platsen</source>
        <translation>Description of the place</translation>
    </message>
    <message>
        <source>Lägg till</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Lägg till beskriven plats</source>
        <translation>Add the described place</translation>
    </message>
</context>
<context>
    <name>PlacePicker</name>
    <message>
        <source>Välj plats</source>
        <translation>Choose a place</translation>
    </message>
</context>
<context>
    <name>PromisesPage</name>
    <message>
        <source>Medborgarlöften</source>
        <translation>Citizen promises</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Polisen och kommunen lovar invånarna att arbeta med det som oroar mest. Här ser du löftena och vad som görs.</source>
        <translation>The police and the municipality promise residents to work on what worries them most. Here you see the promises and what is being done.</translation>
    </message>
    <message>
        <source>Inga medborgarlöften ännu. De visas här efter nästa synkronisering.</source>
        <translation>No citizen promises yet. They appear here after the next sync.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Aktiviteter (%1 av %2 genomförda)</source>
        <translation>Activities (%1 of %2 done)</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Samverkansöverenskommelse</source>
        <translation>Collaboration agreement</translation>
    </message>
    <message>
        <source>Undertecknad av: %1</source>
        <translation>Signed by: %1</translation>
    </message>
</context>
<context>
    <name>QuestionView</name>
    <message>
        <source>Välj högst %1.</source>
        <translation>Choose at most %1.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Inställningar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Språk</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Anslutning</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Roll: %1</source>
        <translation>Role: %1</translation>
    </message>
    <message>
        <source>Anslut igen med en ny kod</source>
        <translation>Connect again with a new code</translation>
    </message>
    <message>
        <source>Svar som sparats på enheten finns kvar och skickas när enheten är ansluten igen.</source>
        <translation>Answers saved on the device are kept and sent when the device is connected again.</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>För få svar för att visa</source>
        <translation>Too few answers to show</translation>
    </message>
    <message>
        <source>morgon</source>
        <translation>morning</translation>
    </message>
    <message>
        <source>dag</source>
        <translation>daytime</translation>
    </message>
    <message>
        <source>kväll</source>
        <translation>evening</translation>
    </message>
    <message>
        <source>natt</source>
        <translation>night</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Vad invånarna har sagt</source>
        <translation>What residents have said</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Ingen sammanställning ännu. När polisen och kommunen har publicerat vad invånarna har sagt visas den här efter nästa synkronisering.</source>
        <translation>No summary yet. When the police and the municipality have published what residents have said, it appears here after the next sync.</translation>
    </message>
    <message>
        <source>Undersökning</source>
        <translation>Survey</translation>
    </message>
    <message>
        <source>Siffror som bygger på färre än %1 svar visas inte.</source>
        <translation>Figures based on fewer than %1 answers are not shown.</translation>
    </message>
    <message>
        <source>Vad oroar mest</source>
        <translation>What worries people most</translation>
    </message>
    <message>
        <source>Andelen som är ganska eller mycket oroliga, viktad mot befolkningen. Områden som ligger för nära varandra för att skiljas åt står utmärkta.</source>
        <translation>The share fairly or very worried, weighted to the population. Areas too close to tell apart are marked.</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Andel som svarat negativt</source>
        <translation>Share answering negatively</translation>
    </message>
    <message>
        <source>Andelen är viktad mot befolkningen efter åldersgrupp och ort; vet inte och vill inte svara räknas inte. Strecket visar osäkerheten (95 % konfidensintervall).</source>
        <translation>Shares are weighted to the population by age band and locality; don&apos;t know and prefer not to say are not counted. The line shows the uncertainty (95% confidence interval).</translation>
    </message>
    <message>
        <source>Strecket visar osäkerheten (95 % konfidensintervall).</source>
        <translation>The line shows the uncertainty (95% confidence interval).</translation>
    </message>
    <message>
        <source>Platser som upplevs otrygga</source>
        <translation>Places that feel unsafe</translation>
    </message>
    <message>
        <source>Ingen plats har nämnts tillräckligt många gånger för att visas.</source>
        <translation>No place has been mentioned often enough to be shown.</translation>
    </message>
</context>
<context>
    <name>SurveyPage</name>
    <message>
        <source>Stäng enkäten, utkastet sparas</source>
        <translation>Close the survey; the draft is kept</translation>
    </message>
</context>
<context>
    <name>SurveyView</name>
    <message>
        <source>Förlopp</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Fråga %1 av %2</source>
        <translation>Question %1 of %2</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Skicka</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Nästa</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>TextInput</name>
    <message>
        <source>Skriv här</source>
        <translation>Write here</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>%1 av högst %2 tecken</source>
        <translation>%1 of at most %2 characters</translation>
    </message>
</context>
<context>
    <name>ThankYouPage</name>
    <message>
        <source>Tack för dina svar!</source>
        <translation>Thank you for your answers!</translation>
    </message>
    <message>
        <source>Svaren är sparade på enheten och skickas när det finns nätverk.</source>
        <translation>The answers are saved on the device and sent when there is a network.</translation>
    </message>
    <message>
        <source>Klar</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>td::app::ContentRepository</name>
    <message>
        <source>Undersökningen finns inte på enheten. Synka och försök igen.</source>
        <translation>The survey is not on the device. Sync and try again.</translation>
    </message>
    <message>
        <source>Enkäten för undersökningen saknas på enheten. Synka och försök igen.</source>
        <translation>The questionnaire for this survey is missing on the device. Sync and try again.</translation>
    </message>
    <message>
        <source>Ingen undersökning för medborgardialog finns på enheten. Synka och försök igen.</source>
        <translation>There is no citizen-dialogue survey on the device. Sync and try again.</translation>
    </message>
</context>
<context>
    <name>td::app::EnrolmentController</name>
    <message>
        <source>Polis/kommun (handläggare)</source>
        <translation>Police/municipality (officer)</translation>
    </message>
    <message>
        <source>Kiosk för medborgardialog</source>
        <translation>Kiosk for citizen dialogues</translation>
    </message>
    <message>
        <source>Invånare</source>
        <translation>Resident</translation>
    </message>
    <message>
        <source>Inte ansluten</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>Serveradressen är inte giltig.</source>
        <translation>The server address is not valid.</translation>
    </message>
    <message>
        <source>Skriv koden du har fått.</source>
        <translation>Enter the code you were given.</translation>
    </message>
    <message>
        <source>Länken är ingen anslutningslänk. Den ska se ut som https://server/enrol#code=KOD.</source>
        <translation>The link is not an enrolment link. It looks like https://server/enrol#code=CODE.</translation>
    </message>
    <message>
        <source>Servern svarade på ett oväntat sätt. Försök igen senare.</source>
        <translation>The server answered unexpectedly. Try again later.</translation>
    </message>
    <message>
        <source>Servern går inte att nå. Kontrollera adressen och nätverket och försök igen. (%1)</source>
        <translation>The server cannot be reached. Check the address and the network and try again. (%1)</translation>
    </message>
    <message>
        <source>Koden har gått ut. Be samordnaren om en ny kod.</source>
        <translation>The code has expired. Ask the coordinator for a new code.</translation>
    </message>
    <message>
        <source>Koden har redan använts. Be samordnaren om en ny kod.</source>
        <translation>The code has already been used. Ask the coordinator for a new code.</translation>
    </message>
    <message>
        <source>Koden stämmer inte. Kontrollera att du har skrivit rätt.</source>
        <translation>The code is wrong. Check that you typed it correctly.</translation>
    </message>
    <message>
        <source>Undersökningen är avslutad och tar inte emot fler svar.</source>
        <translation>The survey is closed and takes no more answers.</translation>
    </message>
    <message>
        <source>För många försök. Vänta en stund och försök igen.</source>
        <translation>Too many attempts. Wait a moment and try again.</translation>
    </message>
    <message>
        <source>Servern har tillfälliga problem. Försök igen senare.</source>
        <translation>The server has temporary problems. Try again later.</translation>
    </message>
    <message>
        <source>Anslutningen misslyckades (%1 %2).</source>
        <translation>Connecting failed (%1 %2).</translation>
    </message>
</context>
<context>
    <name>td::app::KioskController</name>
    <message>
        <source>En dialog pågår redan.</source>
        <translation>A dialogue is already running.</translation>
    </message>
    <message>
        <source>Välj en plats eller beskriv var dialogen hålls.</source>
        <translation>Choose a place or describe where the dialogue is held.</translation>
    </message>
    <message>
        <source>Ange ort.</source>
        <translation>Enter the locality.</translation>
    </message>
    <message>
        <source>Välj polis eller kommun.</source>
        <translation>Choose police or municipality.</translation>
    </message>
    <message>
        <source>PIN-koden ska vara 4–8 siffror.</source>
        <translation>The PIN must be 4–8 digits.</translation>
    </message>
    <message>
        <source>Ingen enkät för dialogen.</source>
        <translation>No survey for the dialogue.</translation>
    </message>
    <message>
        <source>Fel PIN-kod.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Dialogen kunde inte sparas: %1</source>
        <translation>The dialogue could not be saved: %1</translation>
    </message>
    <message>
        <source>Den pågående dialogen kunde inte återställas: %1</source>
        <translation>The running dialogue could not be restored: %1</translation>
    </message>
    <message>
        <source>Dialogen kunde inte sparas: ingen lokal lagring.</source>
        <translation>The dialogue could not be saved: no local storage.</translation>
    </message>
</context>
<context>
    <name>td::app::LocalStore</name>
    <message>
        <source>Lagringsfel: %1</source>
        <translation>Storage error: %1</translation>
    </message>
</context>
<context>
    <name>td::app::PlaceEntryModel</name>
    <message>
        <source>Här jag står nu (%1, %2, ±%3 m)</source>
        <translation>Where I am standing now (%1, %2, ±%3 m)</translation>
    </message>
</context>
<context>
    <name>td::app::PromiseModel</name>
    <message>
        <source>Polisen</source>
        <translation>The police</translation>
    </message>
    <message>
        <source>Kommunen</source>
        <translation>The municipality</translation>
    </message>
    <message>
        <source>Polisen och kommunen</source>
        <translation>The police and the municipality</translation>
    </message>
    <message>
        <source>En samarbetspartner</source>
        <translation>A partner</translation>
    </message>
    <message>
        <source>Planerad</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Pågår</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>Genomförd</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Inställd</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>%1 och %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <source>%1, gäller tills en ny överenskommelse skrivs under</source>
        <translation>%1, in force until a new agreement is signed</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>td::app::QuestionController</name>
    <message>
        <source>Morgon</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>Dag</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Kväll</source>
        <translation>Evening</translation>
    </message>
    <message>
        <source>Natt</source>
        <translation>Night</translation>
    </message>
    <message>
        <source>Vet ej</source>
        <translation>Don't know</translation>
    </message>
    <message>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Nej</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Skriv ett tal, till exempel 3.</source>
        <translation>Enter a number, for example 3.</translation>
    </message>
</context>
<context>
    <name>td::app::RejectedModel</name>
    <message>
        <source>Enkätsvar</source>
        <translation>Survey answer</translation>
    </message>
    <message>
        <source>Medborgardialog</source>
        <translation>Citizen dialogue</translation>
    </message>
    <message>
        <source>Konflikt med serverns version (%1)</source>
        <translation>Conflict with the server's version (%1)</translation>
    </message>
</context>
<context>
    <name>td::app::SummaryController</name>
    <message>
        <source>Publicerad %1</source>
        <translation>Published %1</translation>
    </message>
    <message numerus="yes">
        <source>%n personer har svarat</source>
        <translation><numerusform>%n person has answered</numerusform><numerusform>%n people have answered</numerusform></translation>
    </message>
</context>
<context>
    <name>td::app::SummaryPlaceModel</name>
    <message>
        <source>Plats vid %1, %2</source>
        <translation>Place at %1, %2</translation>
    </message>
    <message numerus="yes">
        <source>%n omnämnanden</source>
        <translation><numerusform>%n mention</numerusform><numerusform>%n mentions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n iakttagelser</source>
        <translation><numerusform>%n walk observation</numerusform><numerusform>%n walk observations</numerusform></translation>
    </message>
    <message>
        <source>För få för att visa antal</source>
        <translation>Too few to show the count</translation>
    </message>
</context>
<context>
    <name>td::app::SummaryAreaModel</name>
    <message>
        <source>%1 (95 % KI %2–%3)</source>
        <translation>%1 (95% CI %2–%3)</translation>
    </message>
    <message>
        <source>Plats %1–%2 med hänsyn till osäkerheten</source>
        <translation>place %1–%2 allowing for uncertainty</translation>
    </message>
    <message>
        <source>går inte att skilja från %1</source>
        <translation>cannot be told apart from %1</translation>
    </message>
    <message>
        <source> och </source>
        <translation> and </translation>
    </message>
</context>
<context>
    <name>td::app::SummaryQuestionModel</name>
    <message>
        <source>%1 viktat (95 % KI %2–%3)</source>
        <translation>%1 weighted (95% CI %2–%3)</translation>
    </message>
    <message>
        <source>%1 oviktat (95 % KI %2–%3)</source>
        <translation>%1 unweighted (95% CI %2–%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n svar</source>
        <translation><numerusform>%n answer</numerusform><numerusform>%n answers</numerusform></translation>
    </message>
</context>
<context>
    <name>td::app::SurveyController</name>
    <message>
        <source>Svaret kunde inte sparas: ingen lokal lagring.</source>
        <translation>The answer could not be saved: no local storage.</translation>
    </message>
    <message>
        <source>Svaret kunde inte sparas på enheten: %1</source>
        <translation>The answer could not be saved on the device: %1</translation>
    </message>
</context>
<context>
    <name>td::app::SyncController</name>
    <message>
        <source>Ingen synkronisering har gjorts ännu.</source>
        <translation>No sync has run yet.</translation>
    </message>
    <message>
        <source>Senast synkad %1 – allt gick bra.</source>
        <translation>Last synced %1 – all went well.</translation>
    </message>
    <message>
        <source>Senaste försöket %1: servern gick inte att nå. Nytt försök görs automatiskt.</source>
        <translation>Last attempt %1: the server could not be reached. It will be retried automatically.</translation>
    </message>
    <message>
        <source>Senaste försöket %1: enheten är inte längre godkänd. Anslut igen.</source>
        <translation>Last attempt %1: the device is no longer accepted. Connect again.</translation>
    </message>
    <message>
        <source>Senaste försöket %1: servern var upptagen. Nytt försök görs automatiskt.</source>
        <translation>Last attempt %1: the server was busy. It will be retried automatically.</translation>
    </message>
    <message>
        <source>Senaste försöket %1 misslyckades (%2).</source>
        <translation>Last attempt %1 failed (%2).</translation>
    </message>
</context>
<context>
    <name>td::app::TopicModel</name>
    <message>
        <source>Narkotika</source>
        <translation>Drugs</translation>
    </message>
    <message>
        <source>Trafik</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Våld i nära relationer</source>
        <translation>Violence in close relationships</translation>
    </message>
    <message>
        <source>Ekonomisk brottslighet och bedrägerier</source>
        <translation>Economic crime and fraud</translation>
    </message>
    <message>
        <source>Otrygga platser</source>
        <translation>Unsafe places</translation>
    </message>
    <message>
        <source>Övrigt</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>WalkStartPage</name>
    <message>
        <source>Starta trygghetsvandring</source>
        <translation>Start a safety walk</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Område</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Annat område (skriv namn)</source>
        <translation>Another area (type its name)</translation>
    </message>
    <message>
        <source>T.ex. Vindeln centrum</source>
        <translation>E.g. Vindeln centre</translation>
    </message>
    <message>
        <source>Områdets namn</source>
        <translation>Name of the area</translation>
    </message>
    <message>
        <source>Ort</source>
        <translation>Locality</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Deltagare</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Antal per roll. Inga namn behövs.</source>
        <translation>Number per role. No names needed.</translation>
    </message>
    <message>
        <source>Boende</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>Polis</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Kommun</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <source>Fastighetsägare</source>
        <translation>Property owner</translation>
    </message>
    <message>
        <source>Övriga</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>Starta vandringen</source>
        <translation>Start the walk</translation>
    </message>
</context>
<context>
    <name>WalkPage</name>
    <message>
        <source>Trygghetsvandring</source>
        <translation>Safety walk</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>Till startsidan, vandringen fortsätter</source>
        <translation>To the start page; the walk continues</translation>
    </message>
    <message>
        <source>%1, %2 · %3</source>
        <translation>%1, %2 · %3</translation>
    </message>
    <message>
        <source>Ingen GPS finns. Iakttagelser kan placeras på platser ur registret.</source>
        <translation>No GPS available. Observations can be placed at places from the registry.</translation>
    </message>
    <message>
        <source>Spåret spelas inte in.</source>
        <translation>The track is not being recorded.</translation>
    </message>
    <message>
        <source>● Spelar in spåret</source>
        <translation>● Recording the track</translation>
    </message>
    <message>
        <source>Spelar in – väntar på GPS-position</source>
        <translation>Recording – waiting for a GPS position</translation>
    </message>
    <message>
        <source>Sträcka</source>
        <translation>Distance</translation>
    </message>
    <message>
        <source>Tid</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>GPS-noggrannhet</source>
        <translation>GPS accuracy</translation>
    </message>
    <message>
        <source>okänd</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>±%1 m</source>
        <translation>±%1 m</translation>
    </message>
    <message>
        <source>Stopp</source>
        <translation>Stops</translation>
    </message>
    <message>
        <source>%1. Trygghet %2 av 5 – %3</source>
        <translation>%1. Safety %2 of 5 – %3</translation>
    </message>
    <message>
        <source>%1. Trygghet %2 av 5</source>
        <translation>%1. Safety %2 of 5</translation>
    </message>
    <message>
        <source>Ny iakttagelse</source>
        <translation>New observation</translation>
    </message>
    <message>
        <source>Avsluta vandring</source>
        <translation>End walk</translation>
    </message>
    <message>
        <source>Avsluta vandringen?</source>
        <translation>End the walk?</translation>
    </message>
    <message numerus="yes">
        <source>Spåret och %n iakttagelse(r) sparas och skickas vid nästa synk. Vandringen går inte att fortsätta efteråt.</source>
        <translation><numerusform>The track and %n observation are saved and sent at the next sync. The walk cannot be continued afterwards.</numerusform><numerusform>The track and %n observations are saved and sent at the next sync. The walk cannot be continued afterwards.</numerusform></translation>
    </message>
    <message>
        <source>Avsluta vandringen</source>
        <translation>End the walk</translation>
    </message>
    <message>
        <source>Fortsätt vandra</source>
        <translation>Keep walking</translation>
    </message>
</context>
<context>
    <name>WalkObservationPage</name>
    <message>
        <source>Iakttagelse %1</source>
        <translation>Observation %1</translation>
    </message>
    <message>
        <source>Avbryt iakttagelsen</source>
        <translation>Cancel the observation</translation>
    </message>
    <message>
        <source>Ingen aktuell GPS-position. Välj platsen i registret.</source>
        <translation>No current GPS position. Choose the place from the registry.</translation>
    </message>
    <message>
        <source>Position från platsregistret: %1 (±%2 m)</source>
        <translation>Position from the place registry: %1 (±%2 m)</translation>
    </message>
    <message>
        <source>Position: %1, %2 (±%3 m)</source>
        <translation>Position: %1, %2 (±%3 m)</translation>
    </message>
    <message>
        <source>Plats i registret</source>
        <translation>Place in the registry</translation>
    </message>
    <message>
        <source>Använd</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>Använd platsen från registret</source>
        <translation>Use the place from the registry</translation>
    </message>
    <message>
        <source>Checklista</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Hur trygg känns platsen?</source>
        <translation>How safe does the place feel?</translation>
    </message>
    <message>
        <source>Tid på dygnet</source>
        <translation>Time of day</translation>
    </message>
    <message>
        <source>Anteckning</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Vad gör platsen otrygg?</source>
        <translation>What makes the place feel unsafe?</translation>
    </message>
    <message>
        <source>Förslag till åtgärd</source>
        <translation>Proposed measure</translation>
    </message>
    <message>
        <source>T.ex. byt trasig belysning</source>
        <translation>E.g. replace broken lighting</translation>
    </message>
    <message>
        <source>Ansvarig</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Ingen vald</source>
        <translation>None chosen</translation>
    </message>
    <message>
        <source>Spara iakttagelsen</source>
        <translation>Save the observation</translation>
    </message>
    <message>
        <source>1 = mycket otrygg, 5 = mycket trygg. Inte vald än.</source>
        <translation>1 = very unsafe, 5 = very safe. Not chosen yet.</translation>
    </message>
    <message>
        <source>%1 av %2 bedömda</source>
        <translation>%1 of %2 checked</translation>
    </message>
    <message>
        <source>0 = inget problem, 3 = allvarligt problem. Bedöm det som brister och välj sedan ”Resten: inget problem”.</source>
        <translation>0 = no problem, 3 = serious problem. Rate what is wrong, then choose “The rest: no problem”.</translation>
    </message>
    <message>
        <source>Resten: inget problem (%1)</source>
        <translation>The rest: no problem (%1)</translation>
    </message>
    <message>
        <source>Sätt de %1 punkter som inte är bedömda till 0, inget problem</source>
        <translation>Set the %1 items not checked yet to 0, no problem</translation>
    </message>
    <message>
        <source>Ångra ”Resten: inget problem” (%1)</source>
        <translation>Undo “The rest: no problem” (%1)</translation>
    </message>
</context>
<context>
    <name>MeasuresPage</name>
    <message>
        <source>Åtgärder</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>Tillbaka</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Inga åtgärder ännu. Synka för att hämta dem.</source>
        <translation>No measures yet. Sync to fetch them.</translation>
    </message>
    <message>
        <source>Ansvarig: %1 · Prioritet: %2</source>
        <translation>Responsible: %1 · Priority: %2</translation>
    </message>
    <message>
        <source>Klart senast: %1</source>
        <translation>Due by: %1</translation>
    </message>
    <message>
        <source>Inget slutdatum</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>Skäl: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>Konflikt (%1): ändrades på två ställen samtidigt. Samordnaren avgör.</source>
        <translation>Conflict (%1): changed in two places at the same time. The coordinator decides.</translation>
    </message>
    <message>
        <source>Ändrad här, väntar på synk</source>
        <translation>Changed here, waiting for sync</translation>
    </message>
    <message>
        <source>Ändra status</source>
        <translation>Change status</translation>
    </message>
    <message>
        <source>Skäl att avslå (krävs)</source>
        <translation>Reason for rejecting (required)</translation>
    </message>
    <message>
        <source>Spara</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>WalkSketch</name>
    <message numerus="yes">
        <source>Skiss över spåret med %n stopp</source>
        <translation><numerusform>Sketch of the track with %n stop</numerusform><numerusform>Sketch of the track with %n stops</numerusform></translation>
    </message>
    <message>
        <source>Spåret ritas när GPS-positioner kommer in.</source>
        <translation>The track is drawn as GPS positions come in.</translation>
    </message>
</context>
<context>
    <name>td::app::WalkController</name>
    <message>
        <source>Spåret kunde inte sparas: %1</source>
        <translation>The track could not be saved: %1</translation>
    </message>
    <message>
        <source>Den pågående trygghetsvandringen kunde inte läsas: %1</source>
        <translation>The safety walk in progress could not be read: %1</translation>
    </message>
    <message>
        <source>En trygghetsvandring pågår redan.</source>
        <translation>A safety walk is already in progress.</translation>
    </message>
    <message>
        <source>Ange vilket område ni går i.</source>
        <translation>Enter the area you are walking in.</translation>
    </message>
    <message>
        <source>Välj ort.</source>
        <translation>Choose the locality.</translation>
    </message>
    <message>
        <source>Ange datum som ÅÅÅÅ-MM-DD.</source>
        <translation>Enter the date as YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Ange hur många som deltar.</source>
        <translation>Enter how many take part.</translation>
    </message>
    <message>
        <source>Vandringen kunde inte sparas: %1</source>
        <translation>The walk could not be saved: %1</translation>
    </message>
    <message>
        <source>Ingen trygghetsvandring pågår.</source>
        <translation>No safety walk is in progress.</translation>
    </message>
    <message>
        <source>Platsen finns inte i platsregistret.</source>
        <translation>The place is not in the place registry.</translation>
    </message>
    <message>
        <source>Platsen är avvecklad och kan inte väljas.</source>
        <translation>The place is retired and cannot be chosen.</translation>
    </message>
    <message>
        <source>Ingen iakttagelse är öppen.</source>
        <translation>No observation is open.</translation>
    </message>
    <message>
        <source>Ingen aktuell GPS-position. Välj platsen i platsregistret.</source>
        <translation>No current GPS position. Choose the place from the place registry.</translation>
    </message>
    <message>
        <source>Välj hur trygg platsen känns.</source>
        <translation>Choose how safe the place feels.</translation>
    </message>
    <message>
        <source>Välj tid på dygnet och ansvarig bland alternativen.</source>
        <translation>Choose the time of day and the responsible party from the options.</translation>
    </message>
    <message>
        <source>Iakttagelsen kunde inte sparas: %1</source>
        <translation>The observation could not be saved: %1</translation>
    </message>
    <message>
        <source>Vandringen kunde inte tas bort: %1</source>
        <translation>The walk could not be removed: %1</translation>
    </message>
    <message>
        <source>Spåret kunde inte sparas: %1</source>
        <translation>The track could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>td::app::MeasureModel</name>
    <message>
        <source>Ange ett skäl för att avslå åtgärden.</source>
        <translation>Give a reason for rejecting the measure.</translation>
    </message>
    <message>
        <source>Åtgärden kan inte få den statusen nu.</source>
        <translation>The measure cannot be given that status now.</translation>
    </message>
    <message>
        <source>Statusen kunde inte ändras: %1</source>
        <translation>The status could not be changed: %1</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>skäl</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>prioritet</source>
        <translation>priority</translation>
    </message>
    <message>
        <source>slutdatum</source>
        <translation>deadline</translation>
    </message>
    <message>
        <source>ansvarig</source>
        <translation>responsible party</translation>
    </message>
    <message>
        <source>rubrik</source>
        <translation>title</translation>
    </message>
    <message>
        <source>beskrivning</source>
        <translation>description</translation>
    </message>
    <message>
        <source>Kommunen</source>
        <translation>The municipality</translation>
    </message>
    <message>
        <source>Polisen</source>
        <translation>The police</translation>
    </message>
    <message>
        <source>Fastighetsägare</source>
        <translation>Property owner</translation>
    </message>
    <message>
        <source>Trafikverket</source>
        <translation>Swedish Transport Administration</translation>
    </message>
    <message>
        <source>Annan</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Låg</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medel</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Hög</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Föreslagen</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Beslutad</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>Pågår</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Genomförd</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Avslagen</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>DialogButtons</name>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ChecklistItemRating</name>
    <message>
        <source>Vad bedöms: %1</source>
        <translation>What is checked: %1</translation>
    </message>
    <message>
        <source>Inte bedömd</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>%1 – satt med ”Resten: inget problem”</source>
        <translation>%1 – set by “The rest: no problem”</translation>
    </message>
</context>
</TS>