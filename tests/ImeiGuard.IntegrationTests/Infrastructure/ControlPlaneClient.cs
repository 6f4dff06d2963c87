using System.Net.Http.Json;
using System.Text.Json;

namespace ImeiGuard.IntegrationTests.Infrastructure;

/// <summary>Calls of the device-sim-lock API as a lock admin makes them.</summary>
internal static class ControlPlaneClient
{
    /// <summary>POSTs an action, then polls its requestId until it leaves IN_PROGRESS.</summary>
    public static async Task<JsonElement> ApplyAsync(HttpClient http, string type, string value, string action)
    {
        using var response = await http.PostAsJsonAsync($"/api/v2/subscriber/{type}/{value}/device-sim-lock", new { action });
        Assert.Equal(202, (int)response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return await WaitForRequestAsync(http, accepted.GetProperty("content")[0].GetProperty("requestId").GetString()!);
    }

    /// <summary>Polls a requestId until it leaves IN_PROGRESS (20 s at most) and returns the request.</summary>
    public static async Task<JsonElement> WaitForRequestAsync(HttpClient http, string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/v2/requests/{requestId}");
            var item = status.GetProperty("content")[0];
            if (item.GetProperty("status").GetString() != "IN_PROGRESS" || DateTime.UtcNow > deadline)
            {
                return item;
            }

            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> GetBindingAsync(HttpClient http, string type, string value)
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"/api/v2/subscriber/{type}/{value}/device-sim-lock");
        return body.GetProperty("content")[0];
    }

    /// <summary>Polls until the binding's lockState is <paramref name="state"/> (10 s at most) and returns it.</summary>
    public static async Task<JsonElement> WaitForStateAsync(HttpClient http, string imsi, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var binding = await GetBindingAsync(http, "imsi", imsi);
            if (binding.GetProperty("lockState").GetString() == state || DateTime.UtcNow > deadline)
            {
                return binding;
            }

            await Task.Delay(50);
        }
    }
}
