using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Locking.Features.Catalog;
using Locking.Infrastructure.Auth;
using Locking.Tests.TestHost;

namespace Locking.Tests.Features.Catalog;

public sealed class CatalogTests(LockingApp app) : IClassFixture<LockingApp>
{
    [Fact]
    public async Task CreateSpecialty_Returns201WithLocation_IsListed_AndADuplicateNameIs409()
    {
        var admin = await app.ClientFor(Role.Admin);
        var patient = await app.ClientFor(Role.Patient);
        var name = $"Neurology {Guid.NewGuid():N}";
        var response = await admin.Client.PostAsJsonAsync("/api/specialties", new { name, description = "Brain and nerves" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<SpecialtyView>();
        Assert.Equal($"/api/specialties/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Brain and nerves", created.Description);
        Assert.Equal(name, (await (await patient.Client.GetAsync(response.Headers.Location)).ReadAsync<SpecialtyView>()).Name);

        var list = await (await patient.Client.GetAsync("/api/specialties")).ReadAsync<List<SpecialtyView>>();
        Assert.Single(list, s => s.Id == created.Id);

        await (await admin.Client.PostAsJsonAsync("/api/specialties", new { name = name.ToUpperInvariant() })).AssertProblemAsync(409, "conflict");
        await (await admin.Client.PostAsJsonAsync("/api/specialties", new { name = "" })).AssertProblemAsync(400, "validation_failed");
        await (await patient.Client.GetAsync($"/api/specialties/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        Assert.Single(await (await patient.Client.GetAsync("/api/specialties")).ReadAsync<List<SpecialtyView>>(),
            s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateDoctor_Returns201WithItsSpecialty_ListFiltersBySpecialty_GetIs200Or404()
    {
        var admin = await app.ClientFor(Role.Admin);
        var patient = await app.ClientFor(Role.Patient);
        var cardiology = await admin.CreateSpecialtyAsync($"Cardiology {Guid.NewGuid():N}");
        var dermatology = await admin.CreateSpecialtyAsync($"Dermatology {Guid.NewGuid():N}");

        var response = await admin.Client.PostAsJsonAsync("/api/doctors",
            new { name = "Dr. Heart", specialtyId = cardiology.Id, email = "Heart@Clinic.test", consultationFee = 80.5m });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var heart = await response.ReadAsync<DoctorView>();
        Assert.Equal($"/api/doctors/{heart.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(cardiology.Id, heart.SpecialtyId);
        Assert.Equal(cardiology.Name, heart.SpecialtyName);
        Assert.Equal("heart@clinic.test", heart.Email);
        Assert.Equal(80.5m, heart.ConsultationFee);
        var skin = await admin.CreateDoctorAsync(dermatology.Id, name: "Dr. Skin");
        Assert.Null(skin.ConsultationFee);

        var cardiologists = await (await patient.Client.GetAsync($"/api/doctors?specialtyId={cardiology.Id}")).ReadAsync<List<DoctorView>>();
        Assert.Equal([heart.Id], cardiologists.Select(d => d.Id));
        var everyone = await (await patient.Client.GetAsync("/api/doctors")).ReadAsync<List<DoctorView>>();
        Assert.Contains(everyone, d => d.Id == heart.Id);
        Assert.Contains(everyone, d => d.Id == skin.Id);

        Assert.Equal(heart, await (await patient.Client.GetAsync($"/api/doctors/{heart.Id}")).ReadAsync<DoctorView>());
        await (await patient.Client.GetAsync($"/api/doctors/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        await (await patient.Client.GetAsync("/api/doctors/not-a-guid")).AssertProblemAsync(400, "validation_failed");
    }

    [Fact]
    public async Task CreateDoctor_WithInvalidFieldsOrAnUnknownSpecialty_Returns400_AndCreatesNothing()
    {
        var admin = await app.ClientFor(Role.Admin);
        var specialty = await admin.CreateSpecialtyAsync();
        var unknown = await admin.Client.PostAsJsonAsync("/api/doctors", new { name = "Dr. Nobody", specialtyId = Guid.NewGuid() });
        Assert.True((await unknown.AssertProblemAsync(400, "validation_failed")).GetProperty("errors").TryGetProperty("specialtyId", out _));

        var invalid = await admin.Client.PostAsJsonAsync("/api/doctors", new { name = "", specialtyId = specialty.Id, email = "not-an-email", consultationFee = -1 });
        var errors = (await invalid.AssertProblemAsync(400, "validation_failed")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("consultationFee", out _));
        await (await admin.Client.PostAsJsonAsync("/api/doctors", new { name = "Dr. Who" })).AssertProblemAsync(400, "validation_failed");

        Assert.Empty(await (await admin.Client.GetAsync($"/api/doctors?specialtyId={specialty.Id}")).ReadAsync<List<DoctorView>>());
    }

    [Fact]
    public async Task CreateDoctor_WithADoctorAccountsEmail_LinksIt_SoAfterSigningInAgainItManagesOnlyItsOwnSlots()
    {
        var admin = await app.ClientFor(Role.Admin);
        var account = await app.ClientFor(Role.Doctor);
        var patient = await app.ClientFor(Role.Patient);
        var other = await admin.CreateDoctorAsync();
        var doctor = await admin.CreateDoctorAsync(email: account.Email.ToUpperInvariant());
        // Only a doctor account is linked, never a patient with the doctor's email.
        var notLinked = await admin.CreateDoctorAsync(email: patient.Email);
        var start = app.HoursFromNow(3);

        // The old token has no doctorId claim yet.
        await (await account.Client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start))).AssertProblemAsync(403, "forbidden");

        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "Passw0rd!" });
        var signedIn = await login.ReadAsync<TokenResponse>();
        Assert.Equal(doctor.Id, signedIn.User.DoctorId);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.AccessToken);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(doctor.Id, start))).StatusCode);
        await (await client.PostAsJsonAsync("/api/slots", SlotData.SlotBody(other.Id, start))).AssertProblemAsync(403, "forbidden");
        Assert.Null((await (await patient.Client.GetAsync("/api/auth/me")).ReadAsync<UserView>()).DoctorId);
        Assert.NotEqual(Guid.Empty, notLinked.Id);
    }
}
